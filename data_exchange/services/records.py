"""Evidence records: the citizen's explicit request, the 使用/不使用 decisions and the purge.

Public API (contracts.md): evidence_request, evidence_decide, evidence_decide_on_behalf,
evidence_reference_submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.models import User
from data_exchange.connectors import evidence_type_def
from data_exchange.constants import Decision, EvidenceStatus, HolderKind, LogEvent
from data_exchange.models import AccessRule, EvidenceItem, OutboxMessage
from data_exchange.selectors import staff_handles_service
from data_exchange.services.access import (
    EvidenceRefused,
    access_rule_fields,
    access_rules_active,
    check_actor,
    check_purpose,
    holder_of,
)
from data_exchange.services.log import item_log_fields, log_event
from data_exchange.services.outbox import outbox_dispatch, outbox_due


# --- explicit request (contract) ------------------------------------------------------------
@dataclass(frozen=True)
class _Ask:
    """One explicit request, shared by its evidence types."""

    actor: User
    subject: User
    service_code: str
    purpose: str
    reference: str
    fields: dict[str, list[str]]


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
    check_actor(actor, subject)
    ask = _Ask(
        actor=actor,
        subject=subject,
        service_code=service_code,
        purpose=check_purpose(purpose),
        reference=_check_reference(reference),
        fields=fields or {},
    )
    codes = list(dict.fromkeys(evidence_types))
    with transaction.atomic():
        rules = access_rules_active(service_code=service_code, evidence_types=codes)
        existing = {
            item.evidence_type: item
            for item in EvidenceItem.objects.select_for_update().filter(
                reference=ask.reference, evidence_type__in=codes
            )
        }
        new_items, outbox_ids, refused = _ask_each(ask, codes, existing, rules)
        if new_items:
            created = OutboxMessage.objects.bulk_create([OutboxMessage(item=i) for i in new_items])
            outbox_ids.extend(message.pk for message in created)
        if outbox_ids:
            transaction.on_commit(
                lambda ids=tuple(outbox_ids): outbox_dispatch(outbox_ids=list(ids))
            )
    if refused:
        names = "、".join(evidence_type_def(c).name if evidence_type_def(c) else c for c in refused)
        raise EvidenceRefused(_("以下数据超出授权范围，未获取：%(types)s") % {"types": names})


def _ask_each(
    ask: _Ask, codes: list[str], existing: dict[str, EvidenceItem], rules: dict[str, AccessRule]
) -> tuple[list[EvidenceItem], list[int], list[str]]:
    """Each type asked for, inside the caller's transaction: the items newly pending, the outbox
    rows of stalled ones to dispatch again, and the types the access rules refuse."""
    outbox_ids: list[int] = []
    new_items: list[EvidenceItem] = []
    refused: list[str] = []
    for code in codes:
        item = existing.get(code)
        if item is not None and item.subject_id != ask.subject.pk:
            raise PermissionDenied(_("该业务编号属于其他用户。"))
        if item is not None and item.status == EvidenceStatus.PENDING:
            outbox_ids.extend(_stalled_outbox(item))
            continue
        if (
            item is not None
            and item.status == EvidenceStatus.VERIFIED
            and item.decision != Decision.NOT_USE
        ):
            continue  # idempotent per (reference, type); a declined one was purged: ask again
        item = _item_ask(ask, code, item, rules)
        if item.status == EvidenceStatus.REFUSED:
            refused.append(code)
        elif item.status == EvidenceStatus.PENDING:
            new_items.append(item)
    return new_items, outbox_ids, refused


def _check_reference(reference: str) -> str:
    reference = (reference or "").strip()
    if not reference or len(reference) > 200:
        raise ValidationError({"reference": _("无效的业务编号。")})
    return reference


def _stalled_outbox(item: EvidenceItem) -> list[int]:
    """A pending item is idempotent; but a stalled pull (no worker/beat, e.g. the embedded
    demo) is resumed when the citizen comes back."""
    return list(
        OutboxMessage.objects.filter(item=item, completed_at__isnull=True)
        .filter(outbox_due(timezone.now(), 600))
        .values_list("pk", flat=True)
    )


def _item_ask(
    ask: _Ask, code: str, item: EvidenceItem | None, rules: dict[str, AccessRule]
) -> EvidenceItem:
    """Write the item for one asked type: refused (logged), failed (no holder id) or pending."""
    definition = evidence_type_def(code)
    try:
        allowed = access_rule_fields(
            service_code=ask.service_code,
            evidence_type=code,
            fields=ask.fields.get(code),
            rules=rules,
        )
        refusal = ""
    except EvidenceRefused as exc:
        allowed, refusal = [], str(exc)
    holder_id = holder_of(ask.subject, definition) if definition else ""
    if item is None:
        item = EvidenceItem(reference=ask.reference, evidence_type=code, subject=ask.subject)
    item.department_code = code.split(".", 1)[0]
    item.requested_by = ask.actor
    item.holder_id = holder_id
    item.holder_digest = crypto.blind_index(holder_id) if holder_id else ""
    item.service_code = ask.service_code
    item.purpose = ask.purpose
    item.fields = allowed
    item.decision = ""
    item.values = {}
    item.failure_code = ""
    item.failure_reason = ""
    if refusal:
        _item_refuse(ask, item, refusal)
    elif not holder_id:
        item.status = EvidenceStatus.FAILED
        item.failure_code = "no_holder_id"
        item.failure_reason = (
            _("账户未登记统一社会信用代码，请上传材料。")
            if definition.holder_kind == HolderKind.ORGANISATION
            else _("账户未登记身份证号，请上传材料。")
        )
        item.save()
    else:
        item.status = EvidenceStatus.PENDING
        item.save()
    return item


def _item_refuse(ask: _Ask, item: EvidenceItem, refusal: str) -> None:
    item.status = EvidenceStatus.REFUSED
    item.failure_code = "refused"
    item.failure_reason = refusal[:200]
    item.save()
    log_event(
        event=LogEvent.REFUSED,
        outcome="refused",
        actor=ask.actor,
        subject=ask.subject,
        holder_id=item.holder_id,
        reference=ask.reference,
        service_code=ask.service_code,
        evidence_type=item.evidence_type,
        department_code=item.department_code,
        purpose=ask.purpose,
        fields=ask.fields.get(item.evidence_type) or [],
        detail=refusal,
    )


# --- decisions ------------------------------------------------------------------------------
def _decision_item(*, reference: str, evidence_type: str) -> EvidenceItem | None:
    return (
        EvidenceItem.objects.select_for_update()
        .filter(reference=reference, evidence_type=evidence_type)
        .first()
    )


def _decision_record(*, item: EvidenceItem, actor: User, use: bool, detail: str = "") -> None:
    """使用 is possible only for verified evidence (a pending item submitted with the case is
    decided by `evidence_reference_submitted`). 不使用 purges the fetched values at once
    (Myinfo: keep only what the form uses). Every decision is logged."""
    if use and item.status != EvidenceStatus.VERIFIED:
        raise ValidationError(_("该数据尚未核验通过，不能使用，请上传材料。"))
    if use and not item.values_encrypted:
        raise ValidationError(_("该数据已按您的选择删除，如需使用请重新授权获取。"))
    item.decision = Decision.USE if use else Decision.NOT_USE
    purge = not use and bool(item.values_encrypted)
    if purge:
        item.values = {}
    item.save(update_fields=["decision", "values_encrypted", "updated_at"])
    log_event(
        event=LogEvent.DECISION,
        outcome=item.decision,
        actor=actor,
        detail=detail,
        **item_log_fields(item),
    )
    if purge:
        log_event(
            event=LogEvent.PURGE,
            outcome="declined_purged",
            actor=actor,
            detail="values deleted: the subject chose not to use them",
            **item_log_fields(item),
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


# --- retention ------------------------------------------------------------------------------
def evidence_reference_submitted(*, reference: str) -> None:
    """Keep the reference's data (no purge); pending pulls carry on until they complete.

    Submitting with an item still pending is the citizen's choice to let the data follow:
    those items are decided 使用 (logged), so the answer fills the case in when it comes.
    """
    now = timezone.now()
    waiting = EvidenceItem.objects.filter(
        reference=reference, status=EvidenceStatus.PENDING, decision=""
    ).select_related("subject")
    for item in waiting:
        item.decision = Decision.USE
        item.save(update_fields=["decision", "updated_at"])
        log_event(
            event=LogEvent.DECISION,
            outcome=Decision.USE,
            actor=item.subject,
            detail="submitted before the department answered: use the data when it arrives",
            **item_log_fields(item),
        )
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
        log_event(
            event=LogEvent.PURGE,
            outcome="purged",
            actor=None,
            detail="not submitted within the retention period",
            **item_log_fields(item),
        )
        item.delete()
        count += 1
    return count
