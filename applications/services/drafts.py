"""Drafts and submission (申请): the one form for a service, from start to 已提交.

A draft belongs to the applicant side (or the clerk filing it for them, 窗口代办); it can be
changed only while it is a draft or waiting for 补正.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.constants import AccountKind
from accounts.identity import validate_mobile_phone
from accounts.models import User
from accounts.selectors import organisation_access
from applications import deadlines, evidence
from applications.constants import (
    SUPPLEMENT_NOTICE_DAYS,
    Channel,
    DocumentType,
    MaterialMode,
    Status,
)
from applications.deadlines import (
    recompute_dues,
)
from applications.models import (
    Application,
    ApplicationMaterial,
)
from applications.permissions import user_is_applicant_side
from applications.services._enqueue import enqueue_document
from applications.services.materials import application_missing_materials, require_draft_owner
from applications.services.sharing import evidence_types_offered
from applications.services.transitions import TransitionError, application_transition
from services_catalog.models import ServiceItem
from services_catalog.selectors import service_get_live

COMMITMENT_TEXT = gettext_lazy(
    "申请人承诺所填信息和以承诺替代的证明材料真实有效，如有虚假承担相应法律责任。"
)


def _application_subject(*, applicant: User) -> dict:
    return {
        "applicant_name": (
            applicant.organisation.name
            if applicant.kind == AccountKind.BUSINESS and applicant.organisation_id
            else applicant.display_name
        ),
        "applicant_id_number": applicant.id_number,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email,
        "organisation": applicant.organisation if applicant.kind == AccountKind.BUSINESS else None,
    }


def application_start(
    *,
    applicant: User,
    service: ServiceItem,
    idempotency_key: str = "",
    agent_staff: User | None = None,
) -> Application:
    """Create (or return) a draft of the one form for this service. Idempotent per key."""
    if applicant.kind == AccountKind.STAFF:
        raise PermissionDenied(_("工作人员账户不能以本人名义申请，请使用窗口代办。"))
    if applicant.kind == AccountKind.BUSINESS and service.audience == "person":
        raise ValidationError(_("该事项仅面向个人办理，请使用个人账户申请。"))
    if applicant.kind == AccountKind.BUSINESS and not organisation_access(
        user=applicant, organisation_id=applicant.organisation_id, service_code=service.code
    ):
        raise PermissionDenied(_("您尚未获得本单位对该事项的授权委托，请联系单位管理员。"))
    if applicant.kind == AccountKind.CITIZEN and service.audience == "business":
        raise ValidationError(_("该事项仅面向法人办理，请使用法人账户（单位经办人）申请。"))
    key = idempotency_key or secrets.token_hex(16)
    defaults = {
        "service": service,
        "service_code": service.code,
        "service_name": service.name,
        "department": service.department,
        "channel": Channel.COUNTER if agent_staff else Channel.ONLINE,
        "agent_staff": agent_staff,
        "region_code": service.department.region_code or "310000",
        **_application_subject(applicant=applicant),
    }
    try:
        with transaction.atomic():
            application, created = Application.objects.get_or_create(
                applicant=applicant, idempotency_key=key, defaults=defaults
            )
    except IntegrityError:
        application, created = (
            Application.objects.get(applicant=applicant, idempotency_key=key),
            False,
        )
    if created:
        materials = list(service.materials.all())
        # 免提交 only behind an approved sharing agreement; otherwise a plain upload.
        offered = evidence_types_offered(
            service_code=service.code,
            evidence_types=sorted({m.evidence_type for m in materials if m.evidence_type}),
        )
        ApplicationMaterial.objects.bulk_create(
            [
                ApplicationMaterial(
                    application=application,
                    code=m.code,
                    name=m.name,
                    necessity=m.necessity,
                    evidence_type=m.evidence_type if m.evidence_type in offered else "",
                    commitment_allowed=m.commitment_allowed,
                    sort_order=m.sort_order,
                    mode=MaterialMode.EVIDENCE if m.evidence_type in offered else MaterialMode.NONE,
                )
                for m in materials
            ]
        )
    return application


def application_save_applicant(*, application: Application, actor: User, data: dict) -> Application:
    """Step 1 (申请人信息): contact details; identity comes from the verified account."""
    require_draft_owner(application, actor)
    application.applicant_phone = validate_mobile_phone(data.get("phone", ""))
    application.applicant_email = (data.get("email") or "").strip()
    application.applicant_address = (data.get("address") or "").strip()[:200]
    application.draft_step = max(application.draft_step, 2)
    application.save(
        update_fields=[
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "draft_step",
            "updated_at",
        ]
    )
    return application


def application_save_form(
    *, application: Application, actor: User, form_data: dict, partial: bool = False
) -> Application:
    """Step 2 (表单): the service's own fields, already validated by the form (or autosaved as-is)."""
    require_draft_owner(application, actor)
    merged = {**application.form_data, **{k: str(v) for k, v in form_data.items()}}
    application.form_data = merged
    if not partial:
        application.draft_step = max(application.draft_step, 3)
    application.save(update_fields=["form_data", "draft_step", "updated_at"])
    return application


def application_sign_commitment(*, application: Application, actor: User, text: str) -> Application:
    """告知承诺 / 容缺 commitment, signed by the applicant (recorded with the time)."""
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    application.commitment_text = text.strip()
    application.commitment_signed_at = timezone.now()
    application.save(update_fields=["commitment_text", "commitment_signed_at", "updated_at"])
    return application


def _assign_number(application: Application) -> None:
    if not application.number:
        day = timezone.localdate().strftime("%Y%m%d")
        prefix = application.department.code.upper()[:8]
        application.number = f"{prefix}{day}{application.pk:09d}"


def application_submit(
    *,
    application: Application,
    actor: User,
    check_materials: bool = True,
    sign_commitment: bool = False,
) -> Application:
    """草稿 → 已提交: assigns the 办件编号 and starts the clock (Art. 32: 5 days to ask for 补正).
    sign_commitment: the applicant ticked the 告知承诺书; it is recorded with the submission, in
    the same transaction."""
    if sign_commitment:
        with transaction.atomic():
            application_sign_commitment(
                application=application, actor=actor, text=str(COMMITMENT_TEXT)
            )
            return application_submit(
                application=application, actor=actor, check_materials=check_materials
            )
    if check_materials:
        applicant = actor if actor.pk == application.applicant_id else application.applicant
        missing = application_missing_materials(application=application, user=applicant)
        if missing:
            raise TransitionError(
                _("以下必备材料尚未提供：%(items)s。") % {"items": "、".join(missing)}
            )

    has_evidence = any(item.evidence_type for item in application.materials.all())

    def apply(app: Application, role: str) -> None:
        app.submitted_at = timezone.now()
        deadlines.set_intake_due(app, days=SUPPLEMENT_NOTICE_DAYS)
        _assign_number(app)
        recompute_dues(app)
        if has_evidence:
            # Same transaction: the pulled evidence is kept if and only if the case is submitted.
            evidence.reference_submitted(reference=app.reference)

    application = application_transition(
        application=application, action="submit", actor=actor, apply=apply, notify=False
    )
    # The submission notice leaves with the 受理回执: one broker message on the hot path.
    enqueue_document(application.pk, DocumentType.RECEIPT, notify_event="submit")
    return application


def application_submit_direct(
    *,
    applicant: User,
    service: ServiceItem,
    form_data: dict,
    idempotency_key: str,
    phone: str = "",
) -> Application:
    """Create and submit in one step (API, benchmarks, benefits). Idempotent per key:
    a repeated call returns the same application."""
    with transaction.atomic():
        application = application_start(
            applicant=applicant, service=service, idempotency_key=idempotency_key
        )
        if application.status != Status.DRAFT:
            return application
        application.form_data = form_data
        if phone:
            application.applicant_phone = phone
        application.save(update_fields=["form_data", "applicant_phone", "updated_at"])
        return application_submit(application=application, actor=applicant, check_materials=False)


def application_create_for_benefit(
    *, applicant: User, service_code: str, source_reference: str, summary: dict
) -> Application:
    """免申即享: the business confirmed its intent (意愿确认). Creates a submitted application
    for service_code with no form; idempotent per (applicant, source_reference)."""
    existing = Application.objects.filter(
        applicant=applicant, source_reference=source_reference
    ).first()
    if existing is not None:
        return existing
    service = service_get_live(code=service_code)
    if service is None:
        raise ValidationError(_("事项 %(code)s 不存在或未发布。") % {"code": service_code})
    try:
        with transaction.atomic():
            application = application_start(
                applicant=applicant,
                service=service,
                idempotency_key=f"benefit:{source_reference}"[:64],
            )
            application.channel = Channel.BENEFIT
            application.source_reference = source_reference
            application.form_data = {str(k): str(v) for k, v in summary.items()}
            application.save(
                update_fields=["channel", "source_reference", "form_data", "updated_at"]
            )
            if application.status == Status.DRAFT:
                application = application_submit(
                    application=application, actor=applicant, check_materials=False
                )
            return application
    except IntegrityError:
        return Application.objects.get(applicant=applicant, source_reference=source_reference)


def application_withdraw(*, application: Application, actor: User, reason: str = "") -> Application:
    return application_transition(
        application=application,
        action="withdraw",
        actor=actor,
        reason=reason or _("申请人主动撤回"),
    )
