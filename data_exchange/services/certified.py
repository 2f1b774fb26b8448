"""The synchronous verified pull (contract), e.g. the business profile from scjg.business_licence."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from data_exchange.connectors import (
    ConnectorError,
    DepartmentUnavailable,
    connector_for_evidence_type,
)
from data_exchange.constants import SERVICE_PROFILE, VERIFICATION_FAILURES, LogEvent
from data_exchange.exchange_log import log_append
from data_exchange.services.access import (
    EvidenceRefused,
    EvidenceUnavailable,
    access_rule_fields,
    check_actor,
    check_purpose,
    holder_of,
    type_def,
)
from data_exchange.services.log import department_name, log_event
from data_exchange.services.pull import Pull, PullResult, pull_one
from data_exchange.services.result_cache import cache_get, cache_key, cache_put, parse_dt
from data_exchange.verification import VerificationError


def certified_record_fetch(
    *, actor: User, subject: User, evidence_type: str, purpose: str, service_code: str = ""
) -> dict:
    """Synchronous verified pull, e.g. the business profile from scjg.business_licence.

    Returns the values with the department's name, when they were verified and until when
    they are valid; raises EvidenceRefused outside the access rules (logged) and
    EvidenceUnavailable when the department cannot give a verified answer.
    """
    check_actor(actor, subject)
    purpose = check_purpose(purpose)
    service_code = service_code or SERVICE_PROFILE
    definition = type_def(evidence_type)
    holder_id = holder_of(subject, definition)
    fields = _allowed_fields(
        actor=actor, subject=subject, holder_id=holder_id, service_code=service_code,
        evidence_type=evidence_type, purpose=purpose,
    )  # fmt: skip
    if not holder_id:
        raise EvidenceUnavailable(_("账户未登记证件号码，无法获取。"))
    pull = Pull(
        connector=connector_for_evidence_type(evidence_type),
        definition=definition,
        holder_id=holder_id,
        fields=fields,
        purpose=purpose,
        service_code=service_code,
        context={"actor": actor, "subject": subject, "reference": ""},
    )
    key = cache_key(
        holder_id=holder_id,
        evidence_type=evidence_type,
        service_code=service_code,
        purpose=purpose,
        fields=fields,
    )
    name = department_name(pull.department)
    cached = cache_get(key)
    if cached is not None:
        log_append(**pull.log_row(event=LogEvent.CACHE, outcome="verified"))
        return {
            "values": cached["values"],
            "department_name": name,
            "verified_at": parse_dt(cached.get("verified_at")) or timezone.now(),
            "valid_until": (parse_dt(cached.get("valid_until")) or timezone.now()).date(),
        }
    result = _verified_pull(pull, department_name=name)
    cache_put(key, payload=result.payload, values=result.values)
    valid_until = parse_dt(result.payload.get("valid_until"))
    return {
        "values": result.values,
        "department_name": name,
        "verified_at": timezone.now(),
        "valid_until": valid_until.date() if valid_until else None,
    }


def _allowed_fields(
    *,
    actor: User,
    subject: User,
    holder_id: str,
    service_code: str,
    evidence_type: str,
    purpose: str,
) -> list[str]:
    """The fields the access rule allows; a refusal is logged and re-raised."""
    try:
        return access_rule_fields(service_code=service_code, evidence_type=evidence_type)
    except EvidenceRefused as exc:
        log_event(
            event=LogEvent.REFUSED,
            outcome="refused",
            actor=actor,
            subject=subject,
            holder_id=holder_id,
            service_code=service_code,
            evidence_type=evidence_type,
            department_code=evidence_type.split(".")[0],
            purpose=purpose,
            detail=str(exc),
        )
        raise


def _verified_pull(pull: Pull, *, department_name: str) -> PullResult:
    """The pull, its failures told as EvidenceUnavailable with a reason the citizen can read."""
    try:
        return pull_one(pull)
    except DepartmentUnavailable:
        raise EvidenceUnavailable(
            _("%(dept)s暂时无法访问，请稍后再试。") % {"dept": department_name}
        ) from None
    except VerificationError as exc:
        raise EvidenceUnavailable(str(VERIFICATION_FAILURES.get(exc.code, exc.code))) from None
    except LookupError:
        raise EvidenceUnavailable(
            _("%(dept)s未查到相关记录。") % {"dept": department_name}
        ) from None
    except ConnectorError as exc:
        raise EvidenceUnavailable(_("部门接口返回错误（%(e)s）。") % {"e": exc}) from None
