"""Sharing agreements (政务数据共享协议): filed by the service's department, decided by the
department holding the data. Only an approved agreement grants access: approval writes the
service's AccessRule with the fields allowed, withdrawal switches it off (docs/data_exchange.md).

Every decision is recorded in the work record (worklog.record_action) in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User
from data_exchange import hooks
from data_exchange.connectors import connector_for_evidence_type
from data_exchange.constants import INTERNAL_USES, PERM_STEWARD, AgreementStatus
from data_exchange.models import AccessRule, SharingAgreement
from data_exchange.services.access import type_def
from worklog.services import record_action

# action -> (states it may start from, state it leads to, work-record label)
TRANSITIONS = {
    "approve": ((AgreementStatus.PENDING,), AgreementStatus.APPROVED, "批准数据共享协议"),
    "refuse": ((AgreementStatus.PENDING,), AgreementStatus.REFUSED, "拒绝数据共享申请"),
    "withdraw": (
        (AgreementStatus.PENDING, AgreementStatus.APPROVED),
        AgreementStatus.WITHDRAWN,
        "撤回数据共享协议",
    ),
}


def is_steward(user: User) -> bool:
    return bool(user.is_authenticated and user.department_id and user.has_perm(PERM_STEWARD))


def holding_department_code(evidence_type: str) -> str:
    connector = connector_for_evidence_type(evidence_type)
    return connector.department_code if connector is not None else evidence_type.split(".")[0]


def _clean_fields(evidence_type: str, fields, *, within: list[str] | None = None) -> list[str]:
    definition = type_def(evidence_type)
    chosen = set(fields or [])
    allowed = definition.field_keys if within is None else within
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ValidationError(
            {"fields": _("不能选择这些字段：%(f)s。") % {"f": "、".join(unknown)}}
        )
    if not chosen:
        raise ValidationError({"fields": _("请至少选择一个字段。")})
    return [key for key in definition.field_keys if key in chosen]


def _record(agreement: SharingAgreement, actor: User, action: str, label: str, **kw) -> None:
    record_action(
        actor=actor,
        action=f"data_exchange.agreement_{action}",
        label=label,
        target=agreement,
        target_label=f"{agreement.service_code} · {type_def(agreement.evidence_type).name}",
        **kw,
    )


def agreement_request(
    *, actor: User, service_code: str, evidence_type: str, fields: list[str], purpose: str
) -> SharingAgreement:
    """共享申请: a steward of the service's department asks for one evidence type."""
    if not is_steward(actor):
        raise PermissionDenied(_("只有数据共享管理员可以提出共享申请。"))
    service_code = (service_code or "").strip()
    services = hooks.services_of_department(department_id=actor.department_id)
    names = dict(services or [])
    if not service_code or service_code in INTERNAL_USES:
        raise ValidationError({"service_code": _("请选择事项。")})
    if services is not None and service_code not in names:
        raise ValidationError({"service_code": _("只能为本部门的事项提出共享申请。")})
    type_def(evidence_type)  # unknown type: EvidenceRefused
    fields = _clean_fields(evidence_type, fields)
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("请填写数据用途。")})
    holder = Department.objects.filter(code=holding_department_code(evidence_type)).first()
    with transaction.atomic():
        if SharingAgreement.objects.filter(
            service_code=service_code,
            evidence_type=evidence_type,
            status__in=[AgreementStatus.PENDING, AgreementStatus.APPROVED],
        ).exists():
            raise ValidationError(_("该事项已有待审核或已批准的同类共享协议。"))
        agreement = SharingAgreement.objects.create(
            service_code=service_code,
            service_name=names.get(service_code, ""),
            evidence_type=evidence_type,
            requesting_department_id=actor.department_id,
            holding_department=holder,
            fields_requested=fields,
            purpose=purpose[:200],
            requested_by=actor,
        )
        _record(agreement, actor, "request", "提出数据共享申请", to_state=agreement.status)
    return agreement


def _decide(agreement_id: int, actor: User, action: str, *, side: str) -> SharingAgreement:
    """Lock the agreement, check the steward's department and the source state."""
    agreement = SharingAgreement.objects.select_for_update().get(pk=agreement_id)
    departments = {
        "holder": {agreement.holding_department_id},
        "either": {agreement.holding_department_id, agreement.requesting_department_id},
    }[side]
    if not is_steward(actor) or actor.department_id not in departments:
        raise PermissionDenied(_("只有数据提供部门的数据共享管理员可以审核。"))
    sources, _target, _label = TRANSITIONS[action]
    if agreement.status not in sources:
        raise ValidationError(
            _("该协议当前为“%(s)s”，不能执行此操作。") % {"s": agreement.get_status_display()}
        )
    return agreement


def _finish(agreement: SharingAgreement, actor: User, action: str, reason: str = "") -> None:
    _sources, target, label = TRANSITIONS[action]
    before = agreement.status
    agreement.status = target
    agreement.save()
    _record(agreement, actor, action, label, from_state=before, to_state=target, reason=reason)


def agreement_approve(
    *, actor: User, agreement: SharingAgreement, fields: list[str], reason: str = ""
) -> SharingAgreement:
    """已批准: the holding department allows these fields (a subset of those asked for)."""
    with transaction.atomic():
        agreement = _decide(agreement.pk, actor, "approve", side="holder")
        agreement.fields = _clean_fields(
            agreement.evidence_type, fields, within=agreement.fields_requested
        )
        agreement.decided_by, agreement.decided_at = actor, timezone.now()
        agreement.decision_reason = (reason or "").strip()[:300]
        _finish(agreement, actor, "approve", agreement.decision_reason)
        _rule_grant(agreement)
    return agreement


def agreement_refuse(*, actor: User, agreement: SharingAgreement, reason: str) -> SharingAgreement:
    """已拒绝: the holding department refuses, always with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("拒绝共享申请必须填写理由。")})
    with transaction.atomic():
        agreement = _decide(agreement.pk, actor, "refuse", side="holder")
        agreement.decided_by, agreement.decided_at = actor, timezone.now()
        agreement.decision_reason = reason[:300]
        _finish(agreement, actor, "refuse", agreement.decision_reason)
    return agreement


def agreement_withdraw(
    *, actor: User, agreement: SharingAgreement, reason: str
) -> SharingAgreement:
    """已撤回: either department ends the agreement; the service loses access at once, new
    applications get an upload and drafts in progress are told (hooks.on_agreement_withdrawn)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("撤回共享协议必须填写原因。")})
    with transaction.atomic():
        agreement = _decide(agreement.pk, actor, "withdraw", side="either")
        was_approved = agreement.status == AgreementStatus.APPROVED
        agreement.withdrawn_by, agreement.withdrawn_at = actor, timezone.now()
        agreement.withdrawal_reason = reason[:300]
        _finish(agreement, actor, "withdraw", agreement.withdrawal_reason)
        AccessRule.objects.filter(agreement=agreement).update(active=False)
        if was_approved:
            code, evidence_type = agreement.service_code, agreement.evidence_type
            transaction.on_commit(
                lambda: hooks.run_agreement_withdrawn(
                    service_code=code, evidence_type=evidence_type
                )
            )
    return agreement


def _rule_grant(agreement: SharingAgreement) -> AccessRule:
    """The one place a catalogue service's access rule is written: from its agreement."""
    rule, _created = AccessRule.objects.update_or_create(
        service_code=agreement.service_code,
        evidence_type=agreement.evidence_type,
        defaults={
            "fields": list(agreement.fields),
            "active": True,
            "agreement": agreement,
            "note": f"共享协议 #{agreement.pk}：{agreement.purpose}"[:200],
        },
    )
    return rule


def agreement_approved_ensure(
    *,
    service_code: str,
    evidence_type: str,
    fields: list[str],
    purpose: str,
    service_name: str = "",
    requesting_department: Department | None = None,
) -> SharingAgreement:
    """Set-up and demo loaders only: an agreement approved outside the portal (signed on
    paper before go-live), idempotent; fields asked for again are added. Not a staff action,
    so nothing goes into the work record."""
    holder = Department.objects.filter(code=holding_department_code(evidence_type)).first()
    agreement = SharingAgreement.objects.filter(
        service_code=service_code, evidence_type=evidence_type, status=AgreementStatus.APPROVED
    ).first()
    if agreement is None:
        agreement = SharingAgreement(
            service_code=service_code,
            evidence_type=evidence_type,
            status=AgreementStatus.APPROVED,
            decided_at=timezone.now(),
            decision_reason=_("线下签订的共享协议（系统初始化录入）"),
        )
    definition = type_def(evidence_type)
    wanted = set(agreement.fields or []) | set(fields)
    agreement.fields = [key for key in definition.field_keys if key in wanted]
    agreement.fields_requested = list(agreement.fields)
    agreement.purpose = purpose[:200]
    agreement.service_name = service_name or agreement.service_name
    agreement.requesting_department = requesting_department or agreement.requesting_department
    agreement.holding_department = holder
    agreement.save()
    _rule_grant(agreement)
    return agreement
