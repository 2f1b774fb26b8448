"""电子证照 wallet: fetch the holder's licences, store them signed, and re-check them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.models import User
from accounts.selectors import organisation_access
from data_exchange.connectors import (
    REGISTRY,
    ConnectorError,
    DepartmentUnavailable,
    EvidenceTypeDef,
    connector_for_department,
)
from data_exchange.constants import SERVICE_WALLET, VERIFICATION_FAILURES, HolderKind, LogEvent
from data_exchange.models import Licence
from data_exchange.services.access import EvidenceRefused, access_rule_fields, holder_of
from data_exchange.services.issued import ISSUED_PREFIX, issued_licence_check
from data_exchange.services.log import log_event
from data_exchange.services.pull import Pull, pull_one
from data_exchange.services.result_cache import parse_dt
from data_exchange.verification import VerificationError, verify_envelope

WALLET_PURPOSE = "电子证照归集（持证人本人申请）"


def wallet_refresh(*, actor: User) -> dict[str, str]:
    """Fetch the holder's licences from every department that issues them (per licence type).

    Returns the outcome per type: ok, refused, unavailable (also: not configured), not_found
    or the verification failure code.
    """
    results: dict[str, str] = {}
    holder_kind = HolderKind.ORGANISATION if actor.is_business else HolderKind.PERSON
    for connector in REGISTRY.values():
        for definition in connector.provides:
            if not definition.is_licence or definition.holder_kind != holder_kind:
                continue
            holder_id = holder_of(actor, definition)
            if not holder_id:
                continue
            try:
                fields = access_rule_fields(
                    service_code=SERVICE_WALLET, evidence_type=definition.code
                )
                result = pull_one(
                    Pull(
                        connector=connector,
                        definition=definition,
                        holder_id=holder_id,
                        fields=fields,
                        purpose=WALLET_PURPOSE,
                        service_code=SERVICE_WALLET,
                        context={"actor": actor, "subject": actor, "reference": ""},
                    )
                )
            except EvidenceRefused:
                results[definition.code] = "refused"
                continue
            except DepartmentUnavailable:
                results[definition.code] = "unavailable"
                continue
            except VerificationError as exc:
                results[definition.code] = exc.code
                continue
            except (LookupError, ConnectorError):
                results[definition.code] = "not_found"
                continue
            licence_store(
                owner=actor, definition=definition, payload=result.payload, envelope=result.envelope
            )
            results[definition.code] = "ok"
    return results


def licence_store(
    *, owner: User, definition: EvidenceTypeDef, payload: dict, envelope: dict | None = None
) -> Licence | None:
    meta = payload.get("licence")
    if not isinstance(meta, dict):
        return None
    holder_code = str(meta["holder_code"])
    organisation = owner.organisation if definition.holder_kind == HolderKind.ORGANISATION else None
    licence, _created = Licence.objects.update_or_create(
        holder_digest=crypto.blind_index(holder_code),
        identifier=meta["identifier"],
        defaults={
            "owner": None if organisation else owner,
            "organisation": organisation,
            "evidence_type": definition.code,
            "name": meta["name"],
            "type_code": meta["type_code"],
            "number": meta["number"],
            "issuer_name": meta["issuer_name"],
            "issuer_code": meta["issuer_code"],
            "issue_date": dt.date.fromisoformat(meta["issue_date"]),
            "valid_from": dt.date.fromisoformat(meta["valid_from"]),
            "valid_until": dt.date.fromisoformat(meta["valid_until"])
            if meta.get("valid_until")
            else None,
            "holder_name": meta["holder_name"],
            "holder_code": holder_code,
            "holder_code_type": meta["holder_code_type"],
            "key_id": str(payload.get("key_id", "")),
            "signed_document": json.dumps(envelope or {"payload": payload}, ensure_ascii=False),
            "fetched_at": timezone.now(),
        },
    )
    return licence


@dataclass
class LicenceCheck:
    ok: bool
    detail: str


def licence_verify(*, actor: User, licence: Licence) -> LicenceCheck:
    """Re-check the stored signature and validity, and ask the issuer whether it still stands."""
    if not _licence_visible(actor, licence):
        raise PermissionDenied(_("无权核验该证照。"))
    department = licence.evidence_type.split(".", 1)[0]
    if licence.evidence_type.startswith(ISSUED_PREFIX):  # issued by the portal itself
        ok, detail = issued_licence_check(licence)
    else:
        ok, detail = _licence_signature_check(licence, department)
    if ok and licence.valid_until is not None and licence.valid_until < timezone.localdate():
        ok, detail = False, _("证照已超过有效期")
    if ok and not licence.evidence_type.startswith(ISSUED_PREFIX):
        ok, detail = _licence_issuer_check(licence, department)
    licence.last_checked_at = timezone.now()
    licence.last_check_ok = ok
    licence.last_check_detail = str(detail)[:200]
    licence.save(update_fields=["last_checked_at", "last_check_ok", "last_check_detail"])
    log_event(
        event=LogEvent.LICENCE_CHECK,
        outcome="valid" if ok else "invalid",
        actor=actor,
        subject=actor,
        holder_id=licence.holder_code,
        service_code=SERVICE_WALLET,
        evidence_type=licence.evidence_type,
        department_code=department,
        purpose=_("电子证照核验"),
        detail=str(detail),
    )
    return LicenceCheck(ok=ok, detail=str(detail))


def _licence_signature_check(licence: Licence, department: str) -> tuple[bool, str]:
    """The stored signed document still verifies against the key registry."""
    try:
        envelope = json.loads(licence.signed_document)
        body = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        issued_at = parse_dt(envelope["payload"]["issued_at"])
        verify_envelope(department_code=department, body=body, record_seen=False, now=issued_at)
    except (ValueError, KeyError, TypeError):
        return False, _("证照签名数据缺失")
    except VerificationError as exc:
        return False, str(VERIFICATION_FAILURES.get(exc.code, exc.code))
    return True, _("签名有效，发证机关确认证照有效")


def _licence_issuer_check(licence: Licence, department: str) -> tuple[bool, str]:
    """The issuer's signed answer: the licence still stands (not revoked, known)."""
    connector = connector_for_department(department)
    try:
        status_body = connector.licence_status(licence.identifier)
        status = verify_envelope(department_code=department, body=status_body)
    except DepartmentUnavailable:
        return False, _("签名有效，但发证机关暂时无法访问，未能确认证照状态")
    except (VerificationError, ConnectorError) as exc:
        return False, _("发证机关状态响应校验未通过（%(e)s）") % {"e": getattr(exc, "code", exc)}
    if status.get("status") == "revoked":
        return False, _("发证机关已注销该证照")
    if status.get("status") != "valid":
        return False, _("发证机关未登记该证照")
    return True, _("签名有效，发证机关确认证照有效")


def _licence_visible(user: User, licence: Licence) -> bool:
    if licence.owner_id is not None:
        return licence.owner_id == user.pk
    return organisation_access(user=user, organisation_id=licence.organisation_id)
