"""Reads of the data exchange: previews, type info, access log and wallet (contracts.md)."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from accounts.identity import mask_id_number
from accounts.models import Department, User
from accounts.selectors import organisation_scope_q
from data_exchange.connectors import REGISTRY, evidence_type_def, evidence_type_defs
from data_exchange.constants import (
    SERVICE_PROFILE,
    SERVICE_REAL_NAME,
    SERVICE_WALLET,
    Decision,
    EvidenceStatus,
    LogEvent,
)
from data_exchange.models import AccessRule, EvidenceItem, ExchangeLogEntry, Licence, SigningKey


@dataclass(frozen=True)
class EvidencePreview:
    evidence_type: str
    name: str
    department_name: str
    status: str
    verified_at: datetime | None
    fields: list[tuple[str, str]]
    values: dict
    decision: str | None
    failure_reason: str
    offer_upload: bool
    purpose: str = ""
    service_code: str = ""
    valid_until: datetime | None = None


def _department_names() -> dict[str, str]:
    """Departments' names: the registered ones, else the names their connectors declare."""
    names = {c.department_code: c.department_name for c in REGISTRY.values() if c.department_name}
    names.update(Department.objects.values_list("code", "name"))
    return names


def display_value(key: str, value, *, masked_fields: Iterable[str] = ()) -> str:
    if value is None or value == "":
        return "—"
    if key in masked_fields:
        return mask_id_number(str(value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def staff_handles_service(*, user: User, service_code: str) -> bool:
    """Staff of the service's handling department (its 实施编码 prefix) or of a one-stop
    window department (一窗受理; the same setting the applications app uses)."""
    if not (user.is_portal_staff and user.department_id):
        return False
    prefix = (service_code or "").split("-", 1)[0].lower()
    code = user.department.code
    return code == prefix or code in settings.APPLICATIONS_ONE_WINDOW_DEPARTMENTS


def _can_see(user: User, item: EvidenceItem) -> bool:
    if item.subject_id == user.pk:
        return True
    if user.is_superuser:
        return True
    return staff_handles_service(user=user, service_code=item.service_code)


def evidence_previews(*, user: User, reference: str) -> list[EvidencePreview]:
    """Previews of `reference`'s evidence, for its subject (or staff of the handling department)."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = list(EvidenceItem.objects.filter(reference=reference).select_related("subject"))
    names = _department_names()
    previews = []
    for item in items:
        if not _can_see(user, item):
            continue
        if item.decision == Decision.NOT_USE and item.subject_id != user.pk:
            continue  # 不使用: no staff page shows the item, its values or the citizen's note
        definition = evidence_type_def(item.evidence_type)
        verified = item.status == EvidenceStatus.VERIFIED
        values = item.values if verified else {}
        fields = []
        if verified and definition is not None:
            fields = [
                (
                    definition.label(key),
                    display_value(key, values.get(key), masked_fields=definition.masked_fields),
                )
                for key in item.fields
                if key in values
            ]
        if item.status == EvidenceStatus.PENDING:
            reason = ""
        else:
            reason = item.failure_reason
        previews.append(
            EvidencePreview(
                evidence_type=item.evidence_type,
                name=definition.name if definition else item.evidence_type,
                department_name=names.get(item.department_code, item.department_code),
                status=item.status,
                verified_at=item.verified_at,
                fields=fields,
                values=values,
                decision=item.decision or None,
                failure_reason=reason,
                offer_upload=item.status in (EvidenceStatus.FAILED, EvidenceStatus.REFUSED)
                or item.decision == "not_use",
                purpose=item.purpose,
                service_code=item.service_code,
                valid_until=item.valid_until,
            )
        )
    return previews


@dataclass(frozen=True)
class ConsentItem:
    """What a consent page lists for one evidence type, before anything is fetched."""

    evidence_type: str
    name: str
    department_name: str
    field_labels: list[str]
    allowed: bool  # an active access rule lets this service ask for it


def evidence_consent_items(
    *, service_code: str, evidence_types: Iterable[str]
) -> list[ConsentItem]:
    """Which data a service would fetch, from which department: the fields its access rules
    allow (nothing is requested or logged here)."""
    codes = list(dict.fromkeys(evidence_types))
    rules = {
        rule.evidence_type: rule
        for rule in AccessRule.objects.in_force().filter(
            service_code=service_code, evidence_type__in=codes
        )
    }
    names = _department_names()
    items = []
    for code in codes:
        definition = evidence_type_def(code)
        if definition is None:
            continue
        rule = rules.get(code)
        keys = [k for k in definition.field_keys if rule is not None and k in (rule.fields or [])]
        department = code.split(".", 1)[0]
        items.append(
            ConsentItem(
                evidence_type=code,
                name=definition.name,
                department_name=names.get(department, department),
                field_labels=[definition.label(k) for k in keys],
                allowed=rule is not None,
            )
        )
    return items


def evidence_type_info(*, codes: Iterable[str]) -> dict[str, dict]:
    names = _department_names()
    definitions = evidence_type_defs()
    info = {}
    for code in codes:
        definition = definitions.get(code)
        if definition is None:
            continue
        department = code.split(".", 1)[0]
        info[code] = {
            "name": definition.name,
            "department_name": names.get(department, department),
            "fields": list(definition.fields),
        }
    return info


def evidence_type_choices() -> list[tuple[str, str]]:
    """The evidence types the connectors provide, as (code, "名称（部门）") choices: the one
    function the catalogue's guide editor reads them through."""
    names = _department_names()
    choices = []
    for code, definition in sorted(evidence_type_defs().items()):
        department = code.split(".", 1)[0]
        choices.append((code, f"{definition.name}（{names.get(department, department)}）"))
    return choices


# Events a citizen sees on /me/data-access/ (requests are paired with their responses).
VISIBLE_EVENTS = [
    LogEvent.RESPONSE,
    LogEvent.CACHE,
    LogEvent.REFUSED,
    LogEvent.SECURITY,
    LogEvent.REAL_NAME,
    LogEvent.LICENCE_CHECK,
    LogEvent.DECISION,
    LogEvent.PURGE,
]


def exchange_log_for_user(*, user: User) -> QuerySet[ExchangeLogEntry]:
    """Who accessed this citizen's data (or, for a business agent, the organisation's)."""
    condition = Q(subject_user_id=user.pk)
    if user.is_business and user.organisation_id:
        condition |= organisation_scope_q(user=user)
    return ExchangeLogEntry.objects.filter(condition, event__in=VISIBLE_EVENTS).order_by("-id")


def licences_for_user(*, user: User) -> QuerySet[Licence]:
    condition = Q(owner_id=user.pk)
    if user.is_business and user.organisation_id:
        condition |= organisation_scope_q(user=user)
    return Licence.objects.filter(condition).order_by("name", "id")


def licence_for_user(*, user: User, pk: int) -> Licence | None:
    return licences_for_user(user=user).filter(pk=pk).first()


OUTCOME_LABELS = {
    "verified": _("已核验"),
    "not_found": _("未查到记录"),
    "unavailable": _("部门暂不可用"),
    "error": _("接口错误"),
    "refused": _("超出授权，已拒绝"),
    "use": _("选择使用"),
    "not_use": _("选择不使用"),
    "match": _("核验一致"),
    "mismatch": _("核验不一致"),
    "valid": _("证照有效"),
    "invalid": _("证照无效"),
    "purged": _("未提交，已按期删除"),
    "declined_purged": _("您选择不使用，数据已删除"),
    "sent": _("已发出请求"),
    "circuit_open": _("部门暂不可用"),
}

SERVICE_LABELS = {
    SERVICE_PROFILE: _("惠企政策企业画像"),
    SERVICE_WALLET: _("电子证照"),
    SERVICE_REAL_NAME: _("实名认证"),
}


def evidence_states(*, user: User, reference: str) -> dict[str, EvidenceItem]:
    """Each visible item's status and decision by evidence type, without decrypting values:
    what a submission checks (is every 免提交 item verified and chosen for use?)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    items = EvidenceItem.objects.filter(reference=reference).only(
        "evidence_type", "status", "decision", "subject_id", "service_code"
    )
    return {item.evidence_type: item for item in items if _can_see(user, item)}


def signing_keys_published() -> dict:
    """Every registered department key as a JWK set (RFC 7517/8037), for outside verifiers.

    Revoked and expired keys stay listed with their dates, so that a response signed while a
    key was valid can still be checked later (docs/verification.md).
    """
    keys = []
    for key in SigningKey.objects.order_by("issuer", "valid_from", "key_id"):
        raw = base64.b64decode(key.public_key)
        keys.append(
            {
                "kty": "OKP",
                "crv": key.algorithm,
                "alg": "EdDSA" if key.algorithm == "Ed25519" else key.algorithm,
                "use": "sig",
                "kid": key.key_id,
                "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode(),
                "issuer": key.issuer,
                "valid_from": key.valid_from.isoformat(),
                "valid_until": key.valid_until.isoformat() if key.valid_until else None,
                "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
            }
        )
    return {"canonicalization": "RFC 8785 (JCS)", "keys": keys}


def exchange_health_between(*, since: datetime, until: datetime) -> list[dict]:
    """Per local day and providing department, the evidence requests made in [since, until): how many,
    how many were verified or failed, and the summed request → verified latency (ms).
    Read by supervision's daily rollup; no personal data."""
    rows = []
    for row in (
        EvidenceItem.objects.filter(created_at__gte=since, created_at__lt=until)
        .values("department_code", day=TruncDate("created_at"))
        .annotate(
            requested=Count("pk"),
            verified=Count("pk", filter=Q(status=EvidenceStatus.VERIFIED)),
            failed=Count(
                "pk", filter=Q(status__in=[EvidenceStatus.FAILED, EvidenceStatus.REFUSED])
            ),
            latency=Sum(
                ExpressionWrapper(F("verified_at") - F("created_at"), output_field=DurationField()),
                filter=Q(status=EvidenceStatus.VERIFIED, verified_at__isnull=False),
            ),
            latency_count=Count(
                "pk", filter=Q(status=EvidenceStatus.VERIFIED, verified_at__isnull=False)
            ),
        )
        .order_by("day", "department_code")
    ):
        latency = row.pop("latency")
        row["latency_ms_sum"] = latency.total_seconds() * 1000 if latency else 0.0
        rows.append(row)
    return rows


# Sharing agreements (共享协议): their reads live in data_exchange/agreements.py.
from data_exchange.agreements import (  # noqa: E402, F401 (the public face)
    agreement_counts,
    agreement_for_steward,
    agreements_for_steward,
    sharing_agreements_missing,
    sharing_covered,
    sharing_fields_used,
)
