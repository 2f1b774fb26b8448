"""Writes of the data exchange: explicit requests, pulls, decisions, wallet and real-name checks.

Public API (contracts.md): EvidenceRefused, EvidenceUnavailable, evidence_request,
evidence_decide, evidence_decide_on_behalf, evidence_reference_submitted,
certified_record_fetch. Everything else here is called by this app's tasks, views and
management commands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.constants import AssuranceLevel
from accounts.identity import mask_id_number
from accounts.models import Department, User
from data_exchange.connectors import (
    ConnectorError,
    DepartmentConnector,
    DepartmentUnavailable,
    EvidenceTypeDef,
    connector_for_department,
    connector_for_evidence_type,
    evidence_type_def,
)
from data_exchange.constants import (
    SERVICE_PROFILE,
    SERVICE_REAL_NAME,
    SERVICE_WALLET,
    VERIFICATION_FAILURES,
    Decision,
    EvidenceStatus,
    HolderKind,
    LogEvent,
)
from data_exchange.exchange_log import log_append, log_append_many
from data_exchange.models import AccessRule, EvidenceItem, Licence, OutboxMessage
from data_exchange.signing import request_hash
from data_exchange.verification import (
    SignedResponse,
    VerificationError,
    envelope_check_binding,
    envelope_check_signature,
    responses_mark_seen,
    signing_keys,
    verify_envelope,
)

logger = logging.getLogger(__name__)

REQUESTER = "ywtb-portal"


class EvidenceRefused(Exception):
    """Outside the access rules (deny by default); the refusal is logged."""


class EvidenceUnavailable(Exception):
    """Department down or verification failed; the caller offers a manual upload."""


# --- helpers --------------------------------------------------------------------------------
def _type_def(code: str) -> EvidenceTypeDef:
    definition = evidence_type_def(code)
    if definition is None:
        raise EvidenceRefused(_("未登记的数据类型：%(code)s") % {"code": code})
    return definition


def _holder(subject: User, definition: EvidenceTypeDef) -> str:
    if definition.holder_kind == HolderKind.ORGANISATION:
        return subject.organisation.uscc if subject.organisation_id else ""
    return subject.id_number or ""


def _mask(holder_id: str) -> str:
    return mask_id_number(holder_id) if holder_id else ""


def department_for_service(service_code: str) -> Department | None:
    """The handling department of a catalogue service, from its 实施编码 prefix (RSJ-… → rsj)."""
    prefix = (service_code or "").split("-", 1)[0].lower()
    return Department.objects.filter(code=prefix).first() if prefix else None


def _service_prefix(column: str):
    """SQL for department_for_service's prefix of a service-code column (RSJ-… → rsj)."""
    return Case(
        When(
            **{f"{column}__contains": "-"},
            then=Lower(Substr(column, 1, StrIndex(column, Value("-")) - 1)),
        ),
        default=Lower(column),
    )


def _actor_department(
    actor: User | None, service_code: str, memo: dict[str, str | None] | None = None
) -> str:
    """The department shown as the requester in the log.

    `memo` maps service codes to their handling department's name (None: no such department),
    e.g. preloaded for a batch; lookups not in it are added to it.
    """
    if actor is not None and actor.department_id:
        return actor.department.name
    if memo is not None and service_code in memo:
        name = memo[service_code]
    else:
        department = department_for_service(service_code)
        name = department.name if department is not None else None
        if memo is not None:
            memo[service_code] = name
    if name is not None:
        return name
    prefix = (service_code or "").split("-", 1)[0].lower()
    if "-" in (service_code or "") and prefix:  # not a registered department: the demo name
        from data_exchange.simulator.records import DEPARTMENTS

        return DEPARTMENTS.get(prefix, (prefix,))[0]
    return {
        SERVICE_PROFILE: _("惠企政策服务"),
        SERVICE_WALLET: _("电子证照夹"),
        SERVICE_REAL_NAME: _("实名认证"),
    }.get(service_code, _("一网通办门户"))


def _log_row(
    *,
    event: str,
    outcome: str,
    actor: User | None,
    subject: User | None,
    holder_id: str = "",
    reference: str = "",
    service_code: str = "",
    evidence_type: str = "",
    department_code: str = "",
    purpose: str = "",
    fields: list | None = None,
    request_id: str = "",
    response_id: str = "",
    detail: str = "",
    memo: dict | None = None,
) -> dict:
    """The fields of one exchange-log row (see exchange_log.log_append / log_append_many)."""
    return {
        "event": event,
        "outcome": outcome,
        "actor_id": actor.pk if actor else None,
        "actor_name": actor.display_name if actor else "",
        "actor_department": _actor_department(actor, service_code, memo),
        "subject_user_id": subject.pk if subject else None,
        "organisation_id": subject.organisation_id
        if subject and _organisation_scoped(evidence_type, service_code, department_code)
        else None,
        "holder_digest": crypto.blind_index(holder_id) if holder_id else "",
        "holder_masked": _mask(holder_id),
        "reference": reference,
        "service_code": service_code,
        "evidence_type": evidence_type,
        "department_code": department_code,
        "purpose": purpose,
        "fields": list(fields or []),
        "request_id": request_id,
        "response_id": response_id,
        "detail": detail,
    }


def _log(**kwargs):
    return log_append(**_log_row(**kwargs))


def _organisation_scoped(evidence_type: str, service_code: str, department_code: str) -> bool:
    """Rows about organisation-held data are visible to every agent of the organisation;
    rows about an agent's personal data only to that agent."""
    definition = evidence_type_def(evidence_type) if evidence_type else None
    if definition is not None:
        return definition.holder_kind == HolderKind.ORGANISATION
    return service_code == SERVICE_REAL_NAME and department_code == "scjg"


def access_rules_active(*, service_code: str, evidence_types: list[str]) -> dict[str, AccessRule]:
    """The active rules of `service_code` for these types, by type (one query)."""
    return {
        rule.evidence_type: rule
        for rule in AccessRule.objects.filter(
            service_code=service_code, evidence_type__in=evidence_types, active=True
        )
    }


def access_rule_fields(
    *,
    service_code: str,
    evidence_type: str,
    fields: list[str] | None = None,
    rules: dict[str, AccessRule] | None = None,
) -> list[str]:
    """Fields `service_code` may receive of `evidence_type`; raises EvidenceRefused otherwise.

    `rules` are the service's active rules preloaded with `access_rules_active`.
    """
    definition = _type_def(evidence_type)
    if rules is None:
        rules = access_rules_active(service_code=service_code, evidence_types=[evidence_type])
    rule = rules.get(evidence_type)
    if rule is None:
        raise EvidenceRefused(
            _("事项 %(service)s 无权获取“%(name)s”。")
            % {"service": service_code or "-", "name": definition.name}
        )
    allowed = [key for key in definition.field_keys if key in (rule.fields or [])]
    if fields is not None:
        extra = sorted(set(fields) - set(allowed))
        if extra:
            raise EvidenceRefused(
                _("事项 %(service)s 无权获取“%(name)s”的字段：%(fields)s")
                % {
                    "service": service_code,
                    "name": definition.name,
                    "fields": "、".join(definition.label(k) for k in extra),
                }
            )
        allowed = [key for key in allowed if key in fields]
    if not allowed:
        raise EvidenceRefused(_("授权规则未允许任何字段。"))
    return allowed


# --- circuit breaker ------------------------------------------------------------------------
def _breaker_key(department_code: str) -> str:
    return f"dx:breaker:{department_code}"


def breaker_allows(department_code: str) -> bool:
    state = cache.get(_breaker_key(department_code)) or {}
    return state.get("open_until", 0) <= time.time()


def breaker_state(department_code: str) -> str:
    state = cache.get(_breaker_key(department_code)) or {}
    if state.get("open_until", 0) > time.time():
        return "open"
    return (
        "half_open"
        if state.get("failures", 0) >= settings.DATA_EXCHANGE_BREAKER_THRESHOLD
        else "closed"
    )


def breaker_record(department_code: str, *, ok: bool) -> None:
    key = _breaker_key(department_code)
    if ok:
        cache.delete(key)
        return
    state = cache.get(key) or {"failures": 0, "open_until": 0}
    state["failures"] = state.get("failures", 0) + 1
    if state["failures"] >= settings.DATA_EXCHANGE_BREAKER_THRESHOLD:
        state["open_until"] = time.time() + settings.DATA_EXCHANGE_BREAKER_COOLDOWN
    cache.set(key, state, timeout=3600)


def breaker_reset(department_code: str) -> None:
    cache.delete(_breaker_key(department_code))


# --- one verified pull ----------------------------------------------------------------------
@dataclass
class PullResult:
    payload: dict
    values: dict
    request_id: str
    envelope: dict = field(default_factory=dict)


def _build_request(
    *,
    definition: EvidenceTypeDef,
    holder_id: str,
    fields: list[str],
    purpose: str,
    service_code: str,
) -> dict:
    return {
        "request_id": str(uuid.uuid4()),
        "nonce": uuid.uuid4().hex,
        "requested_at": timezone.now().isoformat(),
        "requester": REQUESTER,
        "evidence_type": definition.code,
        "holder_id": holder_id,
        "fields": fields,
        "purpose": purpose,
        "service_code": service_code,
        "explicit_request": True,
        "preview": True,
    }


def _pull(
    *,
    connector: DepartmentConnector,
    definition: EvidenceTypeDef,
    holder_id: str,
    fields: list[str],
    purpose: str,
    service_code: str,
    log_context: dict,
) -> PullResult:
    """Request, receive and verify one piece of evidence. Every step is logged.

    Raises DepartmentUnavailable (retry later), VerificationError (security event; no retry),
    LookupError (the department holds no record) or ConnectorError.
    """
    department = connector.department_code
    if not breaker_allows(department):
        _log(
            event=LogEvent.REQUEST,
            outcome="circuit_open",
            department_code=department,
            holder_id=holder_id,
            evidence_type=definition.code,
            purpose=purpose,
            service_code=service_code,
            fields=fields,
            **log_context,
        )
        raise DepartmentUnavailable("circuit open")
    request = _build_request(
        definition=definition,
        holder_id=holder_id,
        fields=fields,
        purpose=purpose,
        service_code=service_code,
    )
    common = {
        "department_code": department,
        "holder_id": holder_id,
        "evidence_type": definition.code,
        "purpose": purpose,
        "service_code": service_code,
        "fields": fields,
        "request_id": request["request_id"],
        **log_context,
    }
    _log(event=LogEvent.REQUEST, outcome="sent", **common)
    try:
        body = connector.fetch_evidence(request)
    except DepartmentUnavailable as exc:
        breaker_record(department, ok=False)
        _log(event=LogEvent.RESPONSE, outcome="unavailable", detail=str(exc), **common)
        raise
    except ConnectorError as exc:
        breaker_record(department, ok=False)
        _log(event=LogEvent.RESPONSE, outcome="error", detail=str(exc), **common)
        raise
    breaker_record(department, ok=True)
    try:
        payload = verify_envelope(
            department_code=department,
            body=body,
            expected_request_hash=request_hash(request),
            expected_holder_id=holder_id,
        )
    except VerificationError as exc:
        _log(event=LogEvent.SECURITY, outcome=exc.code, detail=exc.detail, **common)
        logger.warning(
            "data exchange security event %s from %s (%s)", exc.code, department, definition.code
        )
        raise
    response_id = str(payload.get("response_id", ""))
    if payload.get("status") != "found" or not isinstance(payload.get("record"), dict):
        _log(event=LogEvent.RESPONSE, outcome="not_found", response_id=response_id, **common)
        raise LookupError(definition.code)
    record = payload["record"]
    values = {key: record[key] for key in fields if key in record}
    _log(event=LogEvent.RESPONSE, outcome="verified", response_id=response_id, **common)
    return PullResult(
        payload=payload,
        values=values,
        request_id=request["request_id"],
        envelope=json.loads(body.decode("utf-8")),
    )


def _parse_dt(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


# --- result cache (same holder, type, purpose and fields; only while valid) -----------------
def _cache_key(
    *, holder_id: str, evidence_type: str, service_code: str, purpose: str, fields: list[str]
) -> str:
    scope = hashlib.sha256(
        json.dumps([service_code, purpose, sorted(fields)], ensure_ascii=False).encode()
    ).hexdigest()[:24]
    return f"dx:evidence:{crypto.blind_index(holder_id)}:{evidence_type}:{scope}"


def _cache_put(key: str, result: PullResult) -> None:
    valid_until = _parse_dt(result.payload.get("valid_until"))
    if valid_until is None:
        return
    ttl = int(min((valid_until - timezone.now()).total_seconds(), 3600))
    if ttl <= 0:
        return
    blob = {
        "values": result.values,
        "valid_until": result.payload.get("valid_until"),
        "key_id": result.payload.get("key_id"),
        "response_id": result.payload.get("response_id"),
        "verified_at": timezone.now().isoformat(),
    }
    cache.set(key, crypto.encrypt(json.dumps(blob, ensure_ascii=False)), timeout=ttl)


def _cache_get(key: str) -> dict | None:
    return _cached_blob(cache.get(key))


def _cached_blob(token) -> dict | None:
    """A cached result, decrypted, or None when absent, unreadable or no longer valid."""
    if not token:
        return None
    try:
        blob = json.loads(crypto.decrypt(token))
    except ValueError:
        return None
    valid_until = _parse_dt(blob.get("valid_until"))
    if valid_until is None or valid_until <= timezone.now():
        return None
    return blob


# --- explicit request (contract) ------------------------------------------------------------
def _check_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("请填写用证事由。")})
    if len(purpose) > 200:
        raise ValidationError({"purpose": _("用证事由不能超过200个字符。")})
    return purpose


def _check_actor(actor: User, subject: User) -> None:
    if actor.pk != subject.pk and not actor.is_portal_staff:
        raise PermissionDenied(_("只能为本人申请获取数据。"))


def evidence_request(
    *,
    actor: User,
    subject: User,
    service_code: str,
    evidence_types: list[str],
    purpose: str,
    reference: str,
    fields: dict[str, list[str]] | None = None,
) -> None:
    """The citizen's explicit request to pull evidence for `reference` (contracts.md).

    Types outside the access rules become `refused` items (shown with an upload offer), the
    refusal is logged, and EvidenceRefused is raised after the allowed ones are queued.
    `fields` optionally narrows the fields per type; asking for more than the rule allows
    is refused.
    """
    _check_actor(actor, subject)
    purpose = _check_purpose(purpose)
    reference = (reference or "").strip()
    if not reference or len(reference) > 200:
        raise ValidationError({"reference": _("无效的业务编号。")})
    refused: list[str] = []
    outbox_ids: list[int] = []
    codes = list(dict.fromkeys(evidence_types))
    new_items: list[EvidenceItem] = []
    with transaction.atomic():
        rules = access_rules_active(service_code=service_code, evidence_types=codes)
        existing = {
            item.evidence_type: item
            for item in EvidenceItem.objects.select_for_update().filter(
                reference=reference, evidence_type__in=codes
            )
        }
        for code in codes:
            definition = evidence_type_def(code)
            try:
                allowed = access_rule_fields(
                    service_code=service_code,
                    evidence_type=code,
                    fields=(fields or {}).get(code),
                    rules=rules,
                )
                holder_id = _holder(subject, definition)
                refusal = ""
            except EvidenceRefused as exc:
                allowed, refusal = [], str(exc)
                holder_id = _holder(subject, definition) if definition else ""
            item = existing.get(code)
            if item is not None and item.subject_id != subject.pk:
                raise PermissionDenied(_("该业务编号属于其他用户。"))
            if item is not None and item.status == EvidenceStatus.PENDING:
                # Idempotent; but a stalled pull (no worker/beat, e.g. the embedded demo)
                # is resumed when the citizen comes back.
                outbox_ids.extend(
                    OutboxMessage.objects.filter(item=item, completed_at__isnull=True)
                    .filter(models_q_due(timezone.now(), 600))
                    .values_list("pk", flat=True)
                )
                continue
            if item is not None and item.status == EvidenceStatus.VERIFIED:
                continue  # idempotent per (reference, type)
            if item is None:
                item = EvidenceItem(reference=reference, evidence_type=code, subject=subject)
            item.department_code = code.split(".", 1)[0]
            item.requested_by = actor
            item.holder_id = holder_id
            item.holder_digest = crypto.blind_index(holder_id) if holder_id else ""
            item.service_code = service_code
            item.purpose = purpose
            item.fields = allowed
            item.decision = ""
            item.values = {}
            item.failure_code = ""
            item.failure_reason = ""
            if refusal:
                item.status = EvidenceStatus.REFUSED
                item.failure_code = "refused"
                item.failure_reason = refusal[:200]
                item.save()
                refused.append(code)
                _log(
                    event=LogEvent.REFUSED,
                    outcome="refused",
                    actor=actor,
                    subject=subject,
                    holder_id=holder_id,
                    reference=reference,
                    service_code=service_code,
                    evidence_type=code,
                    department_code=item.department_code,
                    purpose=purpose,
                    fields=(fields or {}).get(code) or [],
                    detail=refusal,
                )
                continue
            if not holder_id:
                item.status = EvidenceStatus.FAILED
                item.failure_code = "no_holder_id"
                item.failure_reason = (
                    _("账户未登记统一社会信用代码，请上传材料。")
                    if definition.holder_kind == HolderKind.ORGANISATION
                    else _("账户未登记身份证号，请上传材料。")
                )
                item.save()
                continue
            item.status = EvidenceStatus.PENDING
            item.save()
            new_items.append(item)
        if new_items:
            created = OutboxMessage.objects.bulk_create(
                [OutboxMessage(item=item) for item in new_items]
            )
            outbox_ids.extend(message.pk for message in created)
        if outbox_ids:
            transaction.on_commit(
                lambda ids=tuple(outbox_ids): outbox_dispatch(outbox_ids=list(ids))
            )
    if refused:
        raise EvidenceRefused(
            _("以下数据超出授权范围，未获取：%(types)s")
            % {
                "types": "、".join(
                    evidence_type_def(c).name if evidence_type_def(c) else c for c in refused
                )
            }
        )


def _decision_item(*, reference: str, evidence_type: str) -> EvidenceItem | None:
    return (
        EvidenceItem.objects.select_for_update()
        .filter(reference=reference, evidence_type=evidence_type)
        .first()
    )


def _decision_record(*, item: EvidenceItem, actor: User, use: bool, detail: str = "") -> None:
    """使用 is possible only for verified evidence; every decision is logged."""
    if use and item.status != EvidenceStatus.VERIFIED:
        raise ValidationError(_("该数据尚未核验通过，不能使用，请上传材料。"))
    item.decision = Decision.USE if use else Decision.NOT_USE
    item.save(update_fields=["decision", "updated_at"])
    _log(
        event=LogEvent.DECISION,
        outcome=item.decision,
        actor=actor,
        subject=item.subject,
        holder_id=item.holder_id,
        reference=item.reference,
        service_code=item.service_code,
        evidence_type=item.evidence_type,
        department_code=item.department_code,
        purpose=item.purpose,
        detail=detail,
    )


def evidence_decide(*, actor: User, reference: str, evidence_type: str, use: bool) -> None:
    """使用 / 不使用. Only the subject decides; 使用 is possible only for verified evidence."""
    with transaction.atomic():
        item = _decision_item(reference=reference, evidence_type=evidence_type)
        if item is None or item.subject_id != actor.pk:
            raise PermissionDenied(_("无权操作该数据。"))
        _decision_record(item=item, actor=actor, use=use)


def evidence_decide_on_behalf(
    *, clerk: User, subject: User, reference: str, evidence_type: str, use: bool
) -> None:
    """使用 / 不使用 recorded by a window clerk for a walk-in applicant (窗口代办) who has
    confirmed the choice in person.

    The caller checks that the clerk is handling this applicant's case (data_exchange knows
    the reference only as a string). Here: the clerk is staff of the service's handling
    department or the one-stop window, asked for this evidence themselves, and the item is
    the subject's. The log records the clerk as the actor, on the subject's behalf.
    """
    from data_exchange.selectors import staff_handles_service

    with transaction.atomic():
        item = _decision_item(reference=reference, evidence_type=evidence_type)
        if (
            item is None
            or clerk.pk == subject.pk
            or item.subject_id != subject.pk
            or item.requested_by_id != clerk.pk
            or not staff_handles_service(user=clerk, service_code=item.service_code)
        ):
            raise PermissionDenied(_("无权代申请人操作该数据。"))
        _decision_record(
            item=item,
            actor=clerk,
            use=use,
            detail="decided by the window clerk on the subject's behalf, "
            "confirmed by the subject in person (walk-in)",
        )


def evidence_reference_submitted(*, reference: str) -> None:
    """Keep the reference's data (no purge); pending pulls carry on until they complete."""
    now = timezone.now()
    EvidenceItem.objects.filter(reference=reference, submitted_at__isnull=True).update(
        submitted_at=now, updated_at=now
    )
    pending = list(
        OutboxMessage.objects.filter(
            item__reference=reference, completed_at__isnull=True, dispatched_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if pending:
        transaction.on_commit(lambda: outbox_dispatch(outbox_ids=pending))


# --- outbox and pulls -----------------------------------------------------------------------
BATCH_MAX = 20  # outbox rows per batch task


def outbox_dispatch(*, outbox_ids: list[int]) -> int:
    """Enqueue the rows as batch pull tasks (one reference's rows: one task, pulled concurrently).

    Rows that cannot be enqueued stay undispatched for the beat job; nothing is lost. Returns
    the number of rows enqueued.
    """
    from data_exchange import tasks

    ids = list(dict.fromkeys(outbox_ids))
    sent = 0
    for start in range(0, len(ids), BATCH_MAX):
        batch = ids[start : start + BATCH_MAX]
        # Marked first: an eager (in-process) run may already reschedule the rows itself.
        OutboxMessage.objects.filter(pk__in=batch, completed_at__isnull=True).update(
            dispatched_at=timezone.now(), dispatch_count=F("dispatch_count") + 1
        )
        try:
            tasks.evidence_pull_batch.apply_async(args=[batch], retry=False)
        except Exception as exc:  # broker down: the rows stay undispatched, nothing is lost
            OutboxMessage.objects.filter(pk__in=batch, completed_at__isnull=True).update(
                dispatched_at=None
            )
            logger.warning(
                "outbox %s not dispatched (%s); will retry",
                batch,
                type(exc).__name__,
                exc_info=True,
            )
            continue
        sent += len(batch)
    return sent


def outbox_redispatch(*, stale_after: int = 600) -> int:
    """Re-enqueue rows never dispatched, due again, or dispatched long ago and not completed.

    Rows are grouped per reference, so one application's pulls run together again.
    """
    now = timezone.now()
    rows = (
        OutboxMessage.objects.filter(completed_at__isnull=True)
        .filter(models_q_due(now, stale_after))
        .order_by("pk")
        .values_list("pk", "item__reference")
    )
    by_reference: dict[str, list[int]] = {}
    for outbox_id, reference in rows[:1000]:
        by_reference.setdefault(reference, []).append(outbox_id)
    return sum(outbox_dispatch(outbox_ids=ids) for ids in by_reference.values())


def models_q_due(now: dt.datetime, stale_after: int):
    from django.db.models import Q

    return (
        Q(dispatched_at__isnull=True)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ) | Q(dispatched_at__lt=now - dt.timedelta(seconds=stale_after))


def outbox_mark_retry_later(*, outbox_id: int) -> None:
    """Leave the row for a later dispatch, backing off exponentially up to the breaker cool-down."""
    row = OutboxMessage.objects.filter(pk=outbox_id, completed_at__isnull=True).first()
    if row is None:
        return
    exponent = min(max(row.dispatch_count - 1, 0), 10)
    delay = min(
        settings.DATA_EXCHANGE_RETRY_BACKOFF * (2**exponent),
        max(settings.DATA_EXCHANGE_BREAKER_COOLDOWN, settings.DATA_EXCHANGE_RETRY_BACKOFF),
    )
    OutboxMessage.objects.filter(pk=outbox_id, completed_at__isnull=True).update(
        dispatched_at=None, next_attempt_at=timezone.now() + dt.timedelta(seconds=delay)
    )


def evidence_pull(*, outbox_id: int) -> str:
    """Run one outbox row's pull (the per-item retry path). Safe to run twice.

    Raises DepartmentUnavailable so that the task retries with backoff.
    """
    outcome = evidence_pull_batch(outbox_ids=[outbox_id])
    if outcome.unavailable:
        raise DepartmentUnavailable("department unavailable")
    return outcome.statuses[outbox_id]


@dataclass
class BatchOutcome:
    statuses: dict[int, str]  # outbox id → the item's status afterwards ("done": nothing to do)
    unavailable: list[int]  # outbox ids whose department could not be reached: retry these


@dataclass
class _BatchPull:
    """One outbox row inside a batch, as it moves from request to outcome."""

    outbox_id: int
    item: EvidenceItem
    definition: EvidenceTypeDef | None
    connector: DepartmentConnector | None
    cache_key: str = ""
    request: dict | None = None
    outcome: dict | None = None  # the item's new state, once decided
    result: PullResult | None = None  # a verified pull, cached after commit

    def log_row(self, memo: dict, **kwargs) -> dict:
        item = self.item
        return _log_row(
            actor=item.requested_by,
            subject=item.subject,
            reference=item.reference,
            holder_id=item.holder_id,
            service_code=item.service_code,
            evidence_type=item.evidence_type,
            department_code=self.connector.department_code
            if self.connector
            else item.department_code,
            purpose=item.purpose,
            fields=item.fields,
            request_id=self.request["request_id"] if self.request else "",
            memo=memo,
            **kwargs,
        )

    def fail(self, code: str, reason: str) -> None:
        self.outcome = {
            "status": EvidenceStatus.FAILED,
            "failure_code": code,
            "failure_reason": reason,
        }


_POOL_LOCK = threading.Lock()
_POOL: tuple[int, ThreadPoolExecutor] | None = None


def _department_pool() -> ThreadPoolExecutor:
    """This process's threads for department calls (created after a worker fork, never before).

    The calls are I/O-bound, so threads overlap the waiting; they touch no ORM.
    """
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != os.getpid():
            from data_exchange.connectors import REGISTRY

            size = max(4, len(REGISTRY))
            _POOL = (os.getpid(), ThreadPoolExecutor(size, thread_name_prefix="dx-pull"))
        return _POOL[1]


def _fetch(connector: DepartmentConnector, request: dict) -> tuple[bytes | None, Exception | None]:
    """The HTTP call only (runs in a pool thread)."""
    try:
        return connector.fetch_evidence(request), None
    except (DepartmentUnavailable, ConnectorError) as exc:
        return None, exc


def evidence_pull_batch(*, outbox_ids: list[int]) -> BatchOutcome:
    """Run several outbox rows' pulls together; safe to run twice.

    The department calls run concurrently in threads (network only). This thread does the
    database work in a few statements: one load; one transaction recording the attempts and
    the REQUEST/CACHE log rows before any department is called; one transaction recording the
    replay ids, the items' outcomes, the outbox completions and the RESPONSE/SECURITY log rows.
    Rows whose department is unavailable (down, 5xx, timeout, circuit open) stay pending and
    are returned in `unavailable` for the caller to retry with backoff.
    """
    messages = list(
        OutboxMessage.objects.select_related(
            "item", "item__subject", "item__requested_by", "item__requested_by__department"
        )
        .filter(pk__in=outbox_ids, completed_at__isnull=True)
        # The service's handling department (for the log's requester), in the same query.
        .annotate(service_prefix=_service_prefix("item__service_code"))
        .annotate(
            service_department=Subquery(
                Department.objects.filter(code=OuterRef("service_prefix")).values("name")[:1]
            )
        )
        .order_by("pk")
    )
    statuses: dict[int, str] = dict.fromkeys(outbox_ids, "done")
    settled = [m.pk for m in messages if m.item.status != EvidenceStatus.PENDING]
    if settled:
        OutboxMessage.objects.filter(pk__in=settled).update(completed_at=timezone.now())
    pulls = [
        _BatchPull(
            outbox_id=m.pk,
            item=m.item,
            definition=evidence_type_def(m.item.evidence_type),
            connector=connector_for_evidence_type(m.item.evidence_type),
        )
        for m in messages
        if m.item.status == EvidenceStatus.PENDING
    ]
    for m in messages:
        statuses[m.pk] = m.item.status
    if not pulls:
        return BatchOutcome(statuses=statuses, unavailable=[])
    memo = {m.item.service_code: m.service_department for m in messages}
    for pull in pulls:
        if pull.definition is not None and pull.connector is not None:
            item = pull.item
            pull.cache_key = _cache_key(
                holder_id=item.holder_id,
                evidence_type=item.evidence_type,
                service_code=item.service_code,
                purpose=item.purpose,
                fields=item.fields,
            )
    departments = {p.connector.department_code for p in pulls if p.connector is not None}
    # One cache round trip: cached results and the departments' circuit breakers.
    found = cache.get_many(
        [p.cache_key for p in pulls if p.cache_key] + [_breaker_key(d) for d in departments]
    )
    breakers = {d: found.get(_breaker_key(d)) or {} for d in departments}
    request_rows: list[dict] = []
    to_send: list[_BatchPull] = []
    unavailable: list[_BatchPull] = []
    for pull in pulls:
        item = pull.item
        if not pull.cache_key:
            reason = _("未登记的数据类型：%(code)s") % {"code": item.evidence_type}
            request_rows.append(pull.log_row(memo, event=LogEvent.REFUSED, outcome="refused"))
            pull.fail("refused", reason + _("，请上传材料。"))
            continue
        cached = _cached_blob(found.get(pull.cache_key))
        if cached is not None:
            response_id = str(cached.get("response_id") or "")
            request_rows.append(
                pull.log_row(
                    memo, event=LogEvent.CACHE, outcome="verified", response_id=response_id
                )
            )
            pull.outcome = {
                "status": EvidenceStatus.VERIFIED,
                "values": cached["values"],
                "valid_until": _parse_dt(cached.get("valid_until")),
                "key_id": cached.get("key_id") or "",
                "response_id": response_id,
            }
            continue
        if breakers[pull.connector.department_code].get("open_until", 0) > time.time():
            request_rows.append(pull.log_row(memo, event=LogEvent.REQUEST, outcome="circuit_open"))
            unavailable.append(pull)
            continue
        pull.request = _build_request(
            definition=pull.definition,
            holder_id=item.holder_id,
            fields=item.fields,
            purpose=item.purpose,
            service_code=item.service_code,
        )
        request_rows.append(pull.log_row(memo, event=LogEvent.REQUEST, outcome="sent"))
        to_send.append(pull)
    # The requests are on record before any department is called.
    log_append_many(request_rows)
    pool = _department_pool()
    futures = [(pull, pool.submit(_fetch, pull.connector, pull.request)) for pull in to_send]
    # While the departments answer: the keys to verify them with, in one query.
    keys = signing_keys(departments={p.connector.department_code for p in to_send})
    response_rows: list[dict] = []
    signed: list[tuple[_BatchPull, SignedResponse]] = []
    failed_departments: set[str] = set()
    answered_departments: set[str] = set()
    for pull, future in futures:
        body, error = future.result()
        department = pull.connector.department_code
        if error is not None:
            breaker_record(department, ok=False)
            failed_departments.add(department)
            if isinstance(error, DepartmentUnavailable):
                response_rows.append(
                    pull.log_row(
                        memo, event=LogEvent.RESPONSE, outcome="unavailable", detail=str(error)
                    )
                )
                unavailable.append(pull)
            else:
                response_rows.append(
                    pull.log_row(memo, event=LogEvent.RESPONSE, outcome="error", detail=str(error))
                )
                pull.fail("error", _("部门接口返回错误（%(e)s），请上传材料。") % {"e": error})
            continue
        answered_departments.add(department)
        try:
            response = envelope_check_signature(
                department_code=department, body=body, now=timezone.now(), keys=keys
            )
            if not response.response_id:
                raise VerificationError("malformed", "response_id")
        except VerificationError as exc:
            _batch_security(pull, exc, response_rows, memo)
            continue
        signed.append((pull, response))
    with transaction.atomic():
        replays = responses_mark_seen([response for _pull, response in signed])
        now = timezone.now()
        for pull, response in signed:
            item = pull.item
            try:
                if response.response_id in replays:
                    raise VerificationError("replay", response.response_id)
                payload = envelope_check_binding(
                    signed=response,
                    now=now,
                    expected_request_hash=request_hash(pull.request),
                    expected_holder_id=item.holder_id,
                )
            except VerificationError as exc:
                _batch_security(pull, exc, response_rows, memo)
                continue
            response_id = str(payload.get("response_id", ""))
            record = payload.get("record")
            if payload.get("status") != "found" or not isinstance(record, dict):
                response_rows.append(
                    pull.log_row(
                        memo, event=LogEvent.RESPONSE, outcome="not_found", response_id=response_id
                    )
                )
                pull.fail(
                    "not_found",
                    _("%(dept)s未查到您的相关记录，请上传材料。")
                    % {"dept": _department_name(item.department_code)},
                )
                continue
            pull.result = PullResult(
                payload=payload,
                values={key: record[key] for key in item.fields if key in record},
                request_id=pull.request["request_id"],
            )
            response_rows.append(
                pull.log_row(
                    memo, event=LogEvent.RESPONSE, outcome="verified", response_id=response_id
                )
            )
            pull.outcome = {
                "status": EvidenceStatus.VERIFIED,
                "values": pull.result.values,
                "valid_until": _parse_dt(payload.get("valid_until")),
                "key_id": str(payload.get("key_id", "")),
                "response_id": response_id,
            }
        _batch_store_outcomes(pulls, statuses)
        log_append_many(response_rows)
    for pull in pulls:
        if pull.result is not None and pull.outcome is not None:
            _cache_put(pull.cache_key, pull.result)
    recovered = [
        _breaker_key(d)
        for d in answered_departments - failed_departments
        if breakers.get(d)  # nothing to reset when the breaker holds no failures
    ]
    if recovered:
        cache.delete_many(recovered)
    return BatchOutcome(statuses=statuses, unavailable=[p.outbox_id for p in unavailable])


def _batch_security(pull: _BatchPull, exc: VerificationError, rows: list[dict], memo: dict) -> None:
    """A rejected response: a security event in the log and an upload offer on the item."""
    rows.append(pull.log_row(memo, event=LogEvent.SECURITY, outcome=exc.code, detail=exc.detail))
    logger.warning(
        "data exchange security event %s from %s (%s)",
        exc.code,
        pull.item.department_code,
        pull.item.evidence_type,
    )
    pull.fail(exc.code, str(VERIFICATION_FAILURES.get(exc.code, exc.code)) + _("，请上传材料。"))


def _batch_store_outcomes(pulls: list[_BatchPull], statuses: dict[int, str]) -> None:
    """Count the attempt on every item; write the decided ones (only while still pending, so a
    concurrent or repeated run changes nothing) and complete their outbox rows."""
    now = timezone.now()
    waiting = [p.item.pk for p in pulls if p.outcome is None]
    if waiting:
        EvidenceItem.objects.filter(pk__in=waiting).update(attempts=F("attempts") + 1)
    decided = [p for p in pulls if p.outcome is not None]
    for pull in decided:
        outcome = pull.outcome
        item = EvidenceItem(
            status=outcome["status"],
            valid_until=outcome.get("valid_until"),
            key_id=outcome.get("key_id", ""),
            response_id=outcome.get("response_id", ""),
            failure_code=outcome.get("failure_code", ""),
            failure_reason=str(outcome.get("failure_reason", ""))[:200],
        )
        item.values = outcome.get("values") or {}
        updated = EvidenceItem.objects.filter(
            pk=pull.item.pk, status=EvidenceStatus.PENDING
        ).update(
            status=item.status,
            values_encrypted=item.values_encrypted,
            valid_until=item.valid_until,
            key_id=item.key_id,
            response_id=item.response_id,
            failure_code=item.failure_code,
            failure_reason=item.failure_reason,
            verified_at=now if item.status == EvidenceStatus.VERIFIED else None,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if updated:
            statuses[pull.outbox_id] = item.status
        else:  # settled meanwhile by another run (or purged): keep what is there
            current = EvidenceItem.objects.filter(pk=pull.item.pk).values_list("status", flat=True)
            statuses[pull.outbox_id] = current.first() or "done"
    if decided:
        OutboxMessage.objects.filter(pk__in=[p.outbox_id for p in decided]).update(completed_at=now)


def _department_name(code: str) -> str:
    department = Department.objects.filter(code=code).first()
    if department is not None:
        return department.name
    from data_exchange.simulator.records import DEPARTMENTS

    return DEPARTMENTS.get(code, (code,))[0]


def evidence_purge_unsubmitted(*, older_than_hours: int | None = None) -> int:
    """Delete evidence pulled for references never submitted (Myinfo: keep only if submitted)."""
    hours = (
        older_than_hours
        if older_than_hours is not None
        else settings.DATA_EXCHANGE_PURGE_AFTER_HOURS
    )
    cutoff = timezone.now() - dt.timedelta(hours=hours)
    items = EvidenceItem.objects.filter(submitted_at__isnull=True, created_at__lt=cutoff)
    count = 0
    for item in items.select_related("subject").iterator():
        _log(
            event=LogEvent.PURGE,
            outcome="purged",
            actor=None,
            subject=item.subject,
            holder_id=item.holder_id,
            reference=item.reference,
            service_code=item.service_code,
            evidence_type=item.evidence_type,
            department_code=item.department_code,
            purpose=item.purpose,
            detail="not submitted within the retention period",
        )
        item.delete()
        count += 1
    return count


# --- synchronous verified pull (contract) ---------------------------------------------------
def certified_record_fetch(
    *, actor: User, subject: User, evidence_type: str, purpose: str, service_code: str = ""
) -> dict:
    """Synchronous verified pull, e.g. the business profile from scjg.business_licence."""
    _check_actor(actor, subject)
    purpose = _check_purpose(purpose)
    service_code = service_code or SERVICE_PROFILE
    definition = _type_def(evidence_type)
    holder_id = _holder(subject, definition)
    try:
        fields = access_rule_fields(service_code=service_code, evidence_type=evidence_type)
    except EvidenceRefused as exc:
        _log(
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
    if not holder_id:
        raise EvidenceUnavailable(_("账户未登记证件号码，无法获取。"))
    connector = connector_for_evidence_type(evidence_type)
    key = _cache_key(
        holder_id=holder_id,
        evidence_type=evidence_type,
        service_code=service_code,
        purpose=purpose,
        fields=fields,
    )
    cached = _cache_get(key)
    department_name = _department_name(connector.department_code)
    log_context = {"actor": actor, "subject": subject, "reference": ""}
    if cached is not None:
        _log(
            event=LogEvent.CACHE,
            outcome="verified",
            holder_id=holder_id,
            service_code=service_code,
            evidence_type=evidence_type,
            department_code=connector.department_code,
            purpose=purpose,
            fields=fields,
            **log_context,
        )
        return {
            "values": cached["values"],
            "department_name": department_name,
            "verified_at": _parse_dt(cached.get("verified_at")) or timezone.now(),
            "valid_until": (_parse_dt(cached.get("valid_until")) or timezone.now()).date(),
        }
    try:
        result = _pull(
            connector=connector,
            definition=definition,
            holder_id=holder_id,
            fields=fields,
            purpose=purpose,
            service_code=service_code,
            log_context=log_context,
        )
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
    _cache_put(key, result)
    valid_until = _parse_dt(result.payload.get("valid_until"))
    return {
        "values": result.values,
        "department_name": department_name,
        "verified_at": timezone.now(),
        "valid_until": valid_until.date() if valid_until else None,
    }


# --- 电子证照 wallet ------------------------------------------------------------------------
WALLET_PURPOSE = "电子证照归集（持证人本人申请）"


def wallet_refresh(*, actor: User) -> dict[str, str]:
    """Fetch the holder's licences from every department that issues them (per licence type)."""
    from data_exchange.connectors import REGISTRY

    results: dict[str, str] = {}
    holder_kind = HolderKind.ORGANISATION if actor.is_business else HolderKind.PERSON
    for connector in REGISTRY.values():
        for definition in connector.provides:
            if not definition.is_licence or definition.holder_kind != holder_kind:
                continue
            holder_id = _holder(actor, definition)
            if not holder_id:
                continue
            try:
                fields = access_rule_fields(
                    service_code=SERVICE_WALLET, evidence_type=definition.code
                )
                result = _pull(
                    connector=connector,
                    definition=definition,
                    holder_id=holder_id,
                    fields=fields,
                    purpose=WALLET_PURPOSE,
                    service_code=SERVICE_WALLET,
                    log_context={"actor": actor, "subject": actor, "reference": ""},
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
    today = timezone.localdate()
    ok, detail = True, _("签名有效，发证机关确认证照有效")
    department = licence.evidence_type.split(".", 1)[0]
    try:
        envelope = json.loads(licence.signed_document)
        body = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        issued_at = _parse_dt(envelope["payload"]["issued_at"])
        verify_envelope(department_code=department, body=body, record_seen=False, now=issued_at)
    except (ValueError, KeyError, TypeError):
        ok, detail = False, _("证照签名数据缺失")
    except VerificationError as exc:
        ok, detail = False, str(VERIFICATION_FAILURES.get(exc.code, exc.code))
    if ok and licence.valid_until is not None and licence.valid_until < today:
        ok, detail = False, _("证照已超过有效期")
    if ok:
        connector = connector_for_department(department)
        try:
            status_body = connector.licence_status(licence.identifier)
            status = verify_envelope(department_code=department, body=status_body)
        except DepartmentUnavailable:
            ok, detail = False, _("签名有效，但发证机关暂时无法访问，未能确认证照状态")
        except (VerificationError, ConnectorError) as exc:
            ok, detail = (
                False,
                _("发证机关状态响应校验未通过（%(e)s）") % {"e": getattr(exc, "code", exc)},
            )
        else:
            if status.get("status") == "revoked":
                ok, detail = False, _("发证机关已注销该证照")
            elif status.get("status") != "valid":
                ok, detail = False, _("发证机关未登记该证照")
    licence.last_checked_at = timezone.now()
    licence.last_check_ok = ok
    licence.last_check_detail = str(detail)[:200]
    licence.save(update_fields=["last_checked_at", "last_check_ok", "last_check_detail"])
    _log(
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


def _licence_visible(user: User, licence: Licence) -> bool:
    if licence.owner_id is not None:
        return licence.owner_id == user.pk
    return licence.organisation_id is not None and licence.organisation_id == user.organisation_id


# --- real-name verification (REFERENCE §6: 三级) ---------------------------------------------
@dataclass
class RealNameResult:
    ok: bool
    message: str


def _identity_check(*, actor: User, department: str, name: str, holder_id: str) -> bool | None:
    """True/False when the register answered and verified; None when it could not be asked."""
    connector = connector_for_department(department)
    request = {
        "request_id": str(uuid.uuid4()),
        "nonce": uuid.uuid4().hex,
        "requested_at": timezone.now().isoformat(),
        "requester": REQUESTER,
        "name": name,
        "holder_id": holder_id,
    }
    common = {
        "actor": actor,
        "subject": actor,
        "holder_id": holder_id,
        "service_code": SERVICE_REAL_NAME,
        "department_code": department,
        "purpose": _("实名核验（本人申请）"),
        "request_id": request["request_id"],
    }
    try:
        body = connector.identity_verify(request)
        payload = verify_envelope(
            department_code=department,
            body=body,
            expected_request_hash=request_hash(request),
            expected_holder_id=holder_id,
        )
    except (DepartmentUnavailable, ConnectorError) as exc:
        _log(event=LogEvent.REAL_NAME, outcome="unavailable", detail=str(exc), **common)
        return None
    except VerificationError as exc:
        _log(event=LogEvent.SECURITY, outcome=exc.code, detail=exc.detail, **common)
        return None
    matched = bool(payload.get("match"))
    _log(
        event=LogEvent.REAL_NAME,
        outcome="match" if matched else "mismatch",
        response_id=str(payload.get("response_id", "")),
        **common,
    )
    return matched


def real_name_verify(*, actor: User) -> RealNameResult:
    from accounts.services import organisation_record_verification, user_record_verification

    if actor.is_portal_staff:
        raise PermissionDenied(_("工作人员账户无需实名核验。"))
    if not actor.id_number or not actor.real_name:
        return RealNameResult(False, _("请先登记姓名和身份证号。"))
    person = _identity_check(
        actor=actor, department="gongan", name=actor.real_name, holder_id=actor.id_number
    )
    if person is None:
        return RealNameResult(False, _("人口信息库暂时无法访问，请稍后再试。"))
    if not person:
        return RealNameResult(False, _("姓名与身份证号不一致，核验未通过。"))
    user_record_verification(user=actor, level=AssuranceLevel.REGISTER_CHECKED)
    if actor.is_business and actor.organisation_id:
        organisation = actor.organisation
        org_ok = _identity_check(
            actor=actor, department="scjg", name=organisation.name, holder_id=organisation.uscc
        )
        if org_ok is None:
            return RealNameResult(
                False, _("本人核验通过；法人库暂时无法访问，单位核验请稍后再试。")
            )
        if not org_ok:
            return RealNameResult(False, _("本人核验通过；单位名称与统一社会信用代码不一致。"))
        organisation_record_verification(
            organisation=organisation, level=AssuranceLevel.REGISTER_CHECKED
        )
        return RealNameResult(True, _("本人及单位核验通过，认证等级：三级。"))
    return RealNameResult(True, _("实名核验通过，认证等级：三级。"))
