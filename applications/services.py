"""Writes of the applications app. Every state change goes through application_transition.

Each transition: checks the actor's right and the source state against TRANSITIONS, runs in
transaction.atomic() with the row locked (select_for_update), records an ApplicationEvent and
enqueues side effects (documents, notifications) with transaction.on_commit.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.identity import validate_id_number, validate_mobile_phone
from accounts.models import User
from accounts.selectors import user_is_system_admin
from applications import evidence, storage
from applications.constants import (
    NEGATIVE_TICKET_DAYS,
    NEGATIVE_TICKET_MAX_DAYS,
    NEGATIVE_TICKET_MIN_DAYS,
    PAUSED_STATES,
    REVOCABLE_DOCUMENTS,
    SUPPLEMENT_NOTICE_DAYS,
    TICKET_TRANSITIONS,
    TOLERANCE_MAX_DAYS,
    TRANSITIONS,
    Actor,
    CallbackMethod,
    Channel,
    DocumentType,
    EvaluationChannel,
    MaterialCheck,
    MaterialMode,
    RectificationKind,
    ReviewStepStatus,
    Satisfaction,
    Status,
    SuspensionReason,
    TicketSide,
    TicketStatus,
)
from applications.deadlines import add_working_days, working_days_between
from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationMaterial,
    Document,
    DueFlag,
    Evaluation,
    NegativeTicket,
    ReviewStep,
    SupplementRequest,
    Suspension,
    TicketCallback,
    TicketEvent,
)
from services_catalog.constants import JointMode, MaterialNecessity
from services_catalog.models import ServiceItem
from services_catalog.selectors import service_time_limits


class TransitionError(Exception):
    """An illegal or unauthorised transition; the message is for the user, state is unchanged."""


def _today() -> dt.date:
    return timezone.localdate()


def _on_commit(fn: Callable[[], None]) -> None:
    transaction.on_commit(fn)


def _enqueue_document(application_id: int, doc_type: str, *, notify_event: str = "") -> None:
    """Render a document after commit; with notify_event, the step's notice goes out from the
    same task once the document exists (one message to the broker instead of two)."""
    from applications.tasks import document_render

    if notify_event:
        _on_commit(lambda: document_render.delay(application_id, doc_type, notify_event))
    else:
        _on_commit(lambda: document_render.delay(application_id, doc_type))


def _enqueue_notification(application_id: int, event: str) -> None:
    from applications.tasks import notification_send

    _on_commit(lambda: notification_send.delay(application_id, event))


# --- Who may act -----------------------------------------------------------------------------


def user_is_applicant_side(*, user: User, application: Application) -> bool:
    """The applicant, an agent of the applicant organisation, or the staff who filed it (代办)."""
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.pk:
        return True
    if application.organisation_id and user.kind == AccountKind.BUSINESS:
        return user.organisation_id == application.organisation_id
    return False


def clerk_may_handle(*, user: User, application: Application) -> bool:
    if not (user.is_authenticated and user.has_perm(PERM_COUNTER)):
        return False
    if user.is_superuser:
        return True
    dept = user.department
    if dept is None:
        return False
    return (
        dept.code in settings.APPLICATIONS_ONE_WINDOW_DEPARTMENTS
        or dept.pk == application.department_id
    )


def reviewer_step(*, user: User, application: Application) -> ReviewStep | None:
    """The review step of the reviewer's department on this case, if any."""
    if not (user.is_authenticated and user.has_perm(PERM_REVIEW)) or user.department_id is None:
        return None
    return application.review_steps.filter(department_id=user.department_id).first()


def _check_actor(*, role: str, actor: User | None, application: Application, action: str) -> str:
    if role == Actor.SYSTEM:
        if actor is not None:
            raise TransitionError(_("该操作由系统自动完成，不能手工执行。"))
        return Actor.SYSTEM
    if actor is None or not actor.is_authenticated:
        raise TransitionError(_("请先登录。"))
    if role == Actor.APPLICANT:
        if user_is_applicant_side(user=actor, application=application):
            return Actor.APPLICANT
        if application.agent_staff_id == actor.pk and clerk_may_handle(
            user=actor, application=application
        ):
            return Actor.CLERK
        raise TransitionError(_("只有申请人本人（或其单位经办人）可以执行此操作。"))
    if role == Actor.CLERK:
        if clerk_may_handle(user=actor, application=application):
            return Actor.CLERK
        raise TransitionError(_("您没有受理此办件的权限（仅限窗口受理人员）。"))
    if role == Actor.REVIEWER:
        step = reviewer_step(user=actor, application=application)
        if step is None:
            raise TransitionError(_("您没有审查此办件的权限（仅限承办部门审批人员）。"))
        if action != "review_start" and step.status != ReviewStepStatus.ACTIVE:
            raise TransitionError(_("本部门的审查环节尚未开始或已经完成。"))
        return Actor.REVIEWER
    raise TransitionError(_("未知的操作人角色。"))


# --- The clock -------------------------------------------------------------------------------


def _recompute_dues(application: Application) -> None:
    if application.submitted_at is None:
        return
    if Application.service.is_cached(application):
        promised, legal = (
            application.service.promised_limit_days,
            application.service.legal_limit_days,
        )
    else:  # the guide is large; the clock needs two numbers of it
        promised, legal = service_time_limits(service_id=application.service_id)
    base = timezone.localdate(application.submitted_at)
    paused = application.paused_working_days
    application.promised_due = add_working_days(base, promised + paused)
    application.legal_due = add_working_days(base, legal + paused)


def _pause_clock(application: Application) -> None:
    if application.paused_since is None:
        application.paused_since = _today()


def _resume_clock(application: Application) -> None:
    if application.paused_since is not None:
        application.paused_working_days += max(
            working_days_between(application.paused_since, _today()), 0
        )
        application.paused_since = None
        _recompute_dues(application)


# --- The transition engine -------------------------------------------------------------------


def _field_values(application: Application) -> dict[str, object]:
    values = {}
    for field in Application._meta.concrete_fields:
        value = getattr(application, field.attname)
        # JSON values may be changed in place; everything else is immutable.
        values[field.attname] = copy.deepcopy(value) if isinstance(value, dict | list) else value
    return values


def _changed_fields(application: Application, before: dict[str, object]) -> set[str]:
    return {
        field.name
        for field in Application._meta.concrete_fields
        if getattr(application, field.attname) != before[field.attname]
    }


def application_transition(
    *,
    application: Application,
    action: str,
    actor: User | None,
    reason: str = "",
    apply: Callable[[Application, str], None] | None = None,
    notify: bool = True,
) -> Application:
    """Run one transition of the table. Raises TransitionError (state unchanged) when illegal.
    notify=False when the caller sends the step's notice itself (with a document)."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知的操作。"))
    with transaction.atomic():
        # Lock the case row only: a plain FOR UPDATE over the join would also lock the
        # service and department rows and serialise every submission of the same service.
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("department")
            .get(pk=application.pk)
        )
        role = _check_actor(role=transition.actor, actor=actor, application=locked, action=action)
        if locked.status not in transition.sources:
            raise TransitionError(
                _("办件当前状态为“%(status)s”，不能执行“%(action)s”。")
                % {"status": locked.get_status_display(), "action": transition.label}
            )
        reason = (reason or "").strip()
        if transition.needs_reason and not reason:
            raise TransitionError(_("“%(action)s”必须填写理由。") % {"action": transition.label})
        source = locked.status
        before = _field_values(locked)
        locked.status = transition.target
        if apply is not None:
            apply(locked, role)
        if source in PAUSED_STATES and locked.status not in PAUSED_STATES:
            _resume_clock(locked)
        if locked.status in PAUSED_STATES:
            _pause_clock(locked)
        # Write what the transition changed, not all 40-odd columns of the case.
        locked.save(update_fields=_changed_fields(locked, before) | {"status", "updated_at"})
        office = ""
        if actor is not None and actor.department_id:
            office = actor.department.name
        elif role == Actor.APPLICANT:
            office = _("网上办事大厅")
        else:
            office = locked.department.name
        ApplicationEvent.objects.create(
            application=locked,
            action=action,
            from_status=source,
            to_status=locked.status,
            actor=actor,
            actor_role=role,
            office=office,
            reason=reason,
        )
        if notify:
            _enqueue_notification(locked.pk, action)
    application.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


# --- Drafts and submission -------------------------------------------------------------------


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
        ApplicationMaterial.objects.bulk_create(
            [
                ApplicationMaterial(
                    application=application,
                    code=m.code,
                    name=m.name,
                    necessity=m.necessity,
                    evidence_type=m.evidence_type,
                    commitment_allowed=m.commitment_allowed,
                    sort_order=m.sort_order,
                    mode=MaterialMode.EVIDENCE if m.evidence_type else MaterialMode.NONE,
                )
                for m in service.materials.all()
            ]
        )
    return application


def _require_draft_owner(application: Application, actor: User) -> None:
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    if application.status not in (Status.DRAFT, Status.SUPPLEMENT):
        raise TransitionError(_("办件已提交，不能再修改。"))


def application_save_applicant(*, application: Application, actor: User, data: dict) -> Application:
    """Step 1 (申请人信息): contact details; identity comes from the verified account."""
    _require_draft_owner(application, actor)
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
    _require_draft_owner(application, actor)
    merged = {**application.form_data, **{k: str(v) for k, v in form_data.items()}}
    application.form_data = merged
    if not partial:
        application.draft_step = max(application.draft_step, 3)
    application.save(update_fields=["form_data", "draft_step", "updated_at"])
    return application


def material_upload(
    *, application: Application, actor: User, code: str, data: bytes, filename: str
) -> ApplicationMaterial:
    """Store an upload after checking its content; replaces a previous file for the item."""
    if application.status not in (Status.DRAFT, Status.SUPPLEMENT):
        raise TransitionError(_("当前状态不能上传材料。"))
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    content_type = storage.validate_upload(data=data, filename=filename)
    item = application.materials.filter(code=code).first()
    if item is None:
        raise ValidationError(_("该事项没有这项材料。"))
    ext = storage.ALLOWED_TYPES[content_type]
    relative = f"uploads/{application.uuid}/{code}-{secrets.token_hex(6)}{ext}"
    storage.write_atomic(relative, data)
    item.mode = MaterialMode.UPLOAD
    item.file_path = relative
    item.file_name = filename[:200]
    item.content_type = content_type
    item.size = len(data)
    item.sha256 = storage.sha256(data)
    item.uploaded_at = timezone.now()
    if item.check_status in (MaterialCheck.MISSING, MaterialCheck.WRONG):
        item.check_status = MaterialCheck.PENDING
    item.save()
    return item


def material_set_mode(
    *, application: Application, actor: User, code: str, mode: str
) -> ApplicationMaterial:
    """告知承诺 for a material that allows it, or back to upload."""
    _require_draft_owner(application, actor)
    item = application.materials.get(code=code)
    if mode == MaterialMode.COMMITMENT:
        if not (application.service.allows_commitment and item.commitment_allowed):
            raise ValidationError(_("该材料不适用告知承诺制。"))
    elif mode not in (MaterialMode.UPLOAD, MaterialMode.NONE):
        raise ValidationError(_("无效的材料提交方式。"))
    item.mode = mode if mode != MaterialMode.UPLOAD or item.file_path else MaterialMode.NONE
    if mode == MaterialMode.UPLOAD and item.file_path:
        item.mode = MaterialMode.UPLOAD
    item.save(update_fields=["mode"])
    return item


def application_request_evidence(*, application: Application, actor: User) -> None:
    """Ask data_exchange for the 免提交 materials, with the 用证事由 naming the service."""
    types = sorted({m.evidence_type for m in application.materials.all() if m.evidence_type})
    if not types:
        return
    evidence.request(
        actor=actor,
        subject=application.applicant,
        service_code=application.service_code,
        evidence_types=types,
        purpose=_("办理“%(service)s”（%(code)s）申请，核验申请材料")
        % {"service": application.service_name, "code": application.service_code},
        reference=application.reference,
    )


def application_evidence_decide(
    *,
    application: Application,
    actor: User,
    evidence_type: str,
    use: bool,
    confirmed_in_person: bool = False,
) -> None:
    """使用 / 不使用 of a 免提交 item: the applicant's choice, or for a walk-in (窗口代办) the
    clerk handling it records the choice the applicant confirmed in person."""
    _require_draft_owner(application, actor)
    if application.agent_staff_id == actor.pk and not user_is_applicant_side(
        user=actor, application=application
    ):
        if not clerk_may_handle(user=actor, application=application):
            raise PermissionDenied
        if not confirmed_in_person:
            raise ValidationError(
                _("请先由申请人当面确认是否使用该数据，并勾选“申请人已当面确认”。")
            )
        evidence.decide_on_behalf(
            clerk=actor,
            subject=application.applicant,
            reference=application.reference,
            evidence_type=evidence_type,
            use=use,
        )
    else:
        evidence.decide(
            actor=actor, reference=application.reference, evidence_type=evidence_type, use=use
        )
    application.materials.filter(evidence_type=evidence_type).update(
        mode=MaterialMode.EVIDENCE if use else MaterialMode.NONE
    )


def _sync_evidence_modes(
    application: Application, user: User, items: list[ApplicationMaterial]
) -> dict[str, object]:
    """Items whose pull failed or was declined fall back to upload."""
    if not any(item.evidence_type for item in items):
        return {}
    previews = evidence.states(user=user, reference=application.reference)
    for item in items:
        if not item.evidence_type or item.mode == MaterialMode.UPLOAD:
            continue
        preview = previews.get(item.evidence_type)
        usable = (
            preview is not None and preview.status == "verified" and preview.decision != "not_use"
        )
        wanted = MaterialMode.EVIDENCE if usable else MaterialMode.NONE
        if item.mode != wanted:
            item.mode = wanted
            item.save(update_fields=["mode"])
    return previews


def application_missing_materials(*, application: Application, user: User) -> list[str]:
    """Names of required materials not yet supplied (upload, usable evidence or commitment)."""
    items = list(application.materials.all())
    previews = _sync_evidence_modes(application, user, items)
    missing = []
    for item in items:
        if item.necessity != MaterialNecessity.REQUIRED:
            continue
        if item.mode == MaterialMode.UPLOAD and item.file_path:
            continue
        if item.mode == MaterialMode.COMMITMENT and application.commitment_signed_at:
            continue
        if item.mode == MaterialMode.EVIDENCE:
            preview = previews.get(item.evidence_type)
            if preview is not None and preview.status == "verified" and preview.decision == "use":
                continue
        missing.append(item.name)
    return missing


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
    *, application: Application, actor: User, check_materials: bool = True
) -> Application:
    """草稿 → 已提交: assigns the 办件编号 and starts the clock (Art. 32: 5 days to ask for 补正)."""
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
        app.intake_due = add_working_days(_today(), SUPPLEMENT_NOTICE_DAYS)
        _assign_number(app)
        _recompute_dues(app)
        if has_evidence:
            # Same transaction: the pulled evidence is kept if and only if the case is submitted.
            evidence.reference_submitted(reference=app.reference)

    application = application_transition(
        application=application, action="submit", actor=actor, apply=apply, notify=False
    )
    # The submission notice leaves with the 受理回执: one broker message on the hot path.
    _enqueue_document(application.pk, DocumentType.RECEIPT, notify_event="submit")
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
    from services_catalog.selectors import service_get_live

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


# --- Counter (window intake) -----------------------------------------------------------------


def walk_in_start(
    *,
    clerk: User,
    service: ServiceItem,
    real_name: str,
    id_number: str,
    phone: str,
    identity_checked: bool,
) -> Application:
    """窗口代办: the clerk starts an application for a person present at the window.
    The clerk's own identity stays on the record (agent_staff)."""
    if not clerk.has_perm(PERM_COUNTER):
        raise PermissionDenied
    if not identity_checked:
        raise ValidationError(_("请先核验申请人身份证件原件，并勾选“已核验身份”。"))
    number = validate_id_number(id_number)
    phone = validate_mobile_phone(phone)
    if not real_name.strip():
        raise ValidationError(_("请填写申请人姓名。"))
    digest = crypto.blind_index(number)
    person = User.objects.filter(id_number_digest=digest).first()
    if person is None:
        from accounts.services import citizen_create

        person = citizen_create(
            username=f"walkin-{digest[:12]}",
            email="",
            password=None,
            real_name=real_name,
            id_number=number,
            phone=phone,
        )
    elif person.real_name and person.real_name != real_name.strip():
        raise ValidationError(_("姓名与身份证号不一致，请核对证件。"))
    application = application_start(applicant=person, service=service, agent_staff=clerk)
    application.applicant_name = real_name.strip()
    application.applicant_phone = phone
    application.identity_verified = True
    application.draft_step = 2
    application.save(
        update_fields=[
            "applicant_name",
            "applicant_phone",
            "identity_verified",
            "draft_step",
            "updated_at",
        ]
    )
    return application


def material_check(
    *, application: Application, clerk: User, results: dict[str, tuple[str, str]]
) -> None:
    """Item-by-item check at the window: {code: (check_status, note)}."""
    if not clerk_may_handle(user=clerk, application=application):
        raise PermissionDenied
    items = {m.code: m for m in application.materials.all()}
    for code, (status, note) in results.items():
        item = items.get(code)
        if item is None or status not in MaterialCheck.values:
            continue
        item.check_status = status
        item.check_note = note[:200]
        item.save(update_fields=["check_status", "check_note"])


def _create_review_steps(app: Application) -> None:
    service = app.service
    departments = [app.department]
    for dept in service.joint_departments.all().order_by("pk"):
        if dept.pk != app.department_id:
            departments.append(dept)
    parallel = service.joint_mode != JointMode.SEQUENTIAL
    for order, dept in enumerate(departments):
        ReviewStep.objects.get_or_create(
            application=app,
            department=dept,
            defaults={
                "order": order,
                "status": ReviewStepStatus.ACTIVE
                if parallel or order == 0
                else ReviewStepStatus.WAITING,
            },
        )


def application_accept(
    *, application: Application, clerk: User, tolerate: Iterable[str] = (), reason: str = ""
) -> Application:
    """受理. With `tolerate` (codes of TOLERABLE materials) this is 容缺受理: the service must allow
    it and the applicant's commitment must be recorded; the 补正 deadline is ≤ 20 working days
    and at least 2 shorter than the promised time."""
    tolerate = list(tolerate)
    service = application.service
    if tolerate:
        if not service.allows_tolerance:
            raise TransitionError(_("该事项不支持容缺受理。"))
        items = {m.code: m for m in application.materials.all()}
        for code in tolerate:
            if code not in items or items[code].necessity != MaterialNecessity.TOLERABLE:
                raise TransitionError(_("只有标注为“容缺”的次要材料可以容缺受理。"))
        if not application.commitment_signed_at:
            raise TransitionError(_("容缺受理前须记录申请人签署的容缺承诺书。"))
        days = min(TOLERANCE_MAX_DAYS, service.promised_limit_days - 2)
        if days < 1:
            raise TransitionError(_("该事项承诺时限过短，不能容缺受理。"))

    def apply(app: Application, role: str) -> None:
        app.accepted_at = timezone.now()
        if tolerate:
            app.tolerance_deadline = add_working_days(_today(), days)
            app.materials.filter(code__in=tolerate).update(
                mode=MaterialMode.TOLERATED, check_status=MaterialCheck.MISSING
            )
        _create_review_steps(app)

    note = reason
    if tolerate:
        note = (_("容缺受理，缺：%(items)s") % {"items": "、".join(tolerate)}) + (
            f"；{reason}" if reason else ""
        )
    application = application_transition(
        application=application, action="accept", actor=clerk, reason=note, apply=apply
    )
    _enqueue_document(application.pk, DocumentType.ACCEPTANCE)
    return application


def application_reject_intake(*, application: Application, clerk: User, reason: str) -> Application:
    application = application_transition(
        application=application,
        action="reject_intake",
        actor=clerk,
        reason=reason,
        apply=lambda app, role: setattr(app, "decided_at", timezone.now()),
    )
    _enqueue_document(application.pk, DocumentType.NON_ACCEPTANCE)
    return application


def application_request_supplement(
    *, application: Application, clerk: User, items: dict[str, str], note: str = ""
) -> SupplementRequest:
    """一次性告知: one notice listing every missing or wrong material (code → problem)."""
    if not items:
        raise TransitionError(_("请至少选择一项需要补正的材料，并写明问题。"))
    known = {m.code: m for m in application.materials.all()}
    unknown = [c for c in items if c not in known]
    if unknown:
        raise TransitionError(_("补正材料不属于本事项。"))
    reason = "；".join(f"{known[c].name}：{p or _('缺少')}" for c, p in items.items())
    holder: dict = {}

    def apply(app: Application, role: str) -> None:
        for code, problem in items.items():
            known[code].check_status = (
                MaterialCheck.WRONG
                if known[code].file_path or known[code].mode == MaterialMode.EVIDENCE
                else MaterialCheck.MISSING
            )
            known[code].check_note = (problem or _("缺少"))[:200]
            known[code].save(update_fields=["check_status", "check_note"])
        holder["request"] = SupplementRequest.objects.create(
            application=app,
            created_by=clerk,
            note=note,
            items=[
                {"code": c, "name": known[c].name, "problem": p or _("缺少")}
                for c, p in items.items()
            ],
            deadline=add_working_days(_today(), TOLERANCE_MAX_DAYS),
        )

    application = application_transition(
        application=application,
        action="request_supplement",
        actor=clerk,
        reason=reason,
        apply=apply,
    )
    _enqueue_document(application.pk, DocumentType.SUPPLEMENT)
    return holder["request"]


def application_supplement_submit(*, application: Application, actor: User) -> Application:
    """The applicant sends the requested materials; the clock resumes."""
    request = application.supplements.filter(fulfilled_at__isnull=True).first()
    if request is not None:
        codes = [i["code"] for i in request.items]
        pending = application.materials.filter(
            code__in=codes, check_status__in=[MaterialCheck.MISSING, MaterialCheck.WRONG]
        )
        names = [m.name for m in pending]
        if names:
            raise TransitionError(
                _("以下补正材料尚未上传：%(items)s。") % {"items": "、".join(names)}
            )

    def apply(app: Application, role: str) -> None:
        app.intake_due = add_working_days(_today(), SUPPLEMENT_NOTICE_DAYS)
        if request is not None:
            request.fulfilled_at = timezone.now()
            request.save(update_fields=["fulfilled_at"])

    return application_transition(
        application=application, action="supplement_submit", actor=actor, apply=apply
    )


# --- Department review -----------------------------------------------------------------------


def application_review_start(*, application: Application, reviewer: User) -> Application:
    return application_transition(application=application, action="review_start", actor=reviewer)


def application_suspend(
    *, application: Application, reviewer: User, reason_code: str, note: str = ""
) -> Suspension:
    if reason_code not in SuspensionReason.values:
        raise TransitionError(_("请选择特别程序的种类（现场核查、听证、检测、鉴定、专家评审）。"))
    holder: dict = {}

    def apply(app: Application, role: str) -> None:
        holder["s"] = Suspension.objects.create(
            application=app, reason_code=reason_code, note=note, started_by=reviewer
        )

    label = SuspensionReason(reason_code).label
    application_transition(
        application=application,
        action="suspend",
        actor=reviewer,
        reason=f"{label}{('：' + note) if note else ''}",
        apply=apply,
    )
    return holder["s"]


def application_resume(
    *, application: Application, reviewer: User, result: str = ""
) -> Application:
    def apply(app: Application, role: str) -> None:
        app.suspensions.filter(ended_at__isnull=True).update(ended_at=timezone.now(), result=result)

    return application_transition(
        application=application, action="resume", actor=reviewer, reason=result, apply=apply
    )


def application_approve(
    *, application: Application, reviewer: User, opinion: str = ""
) -> Application:
    """The reviewer's department agrees. The case is 准予 when every 联办 department has agreed;
    a sequential route then activates the next department."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.UNDER_REVIEW:
            raise TransitionError(
                _("办件当前状态为“%(status)s”，不能执行“准予许可”。")
                % {"status": locked.get_status_display()}
            )
        step = reviewer_step(user=reviewer, application=locked)
        if step is None or step.status != ReviewStepStatus.ACTIVE:
            raise TransitionError(_("您没有审查此办件的权限，或本部门审查环节未开始/已完成。"))

        def approve_step() -> None:
            step.status = ReviewStepStatus.APPROVED
            step.decided_by = reviewer
            step.decided_at = timezone.now()
            step.opinion = opinion
            step.save()

        others = list(
            locked.review_steps.exclude(pk=step.pk).exclude(status=ReviewStepStatus.APPROVED)
        )
        if others:
            approve_step()
            if not any(s.status == ReviewStepStatus.ACTIVE for s in others):
                nxt = next(s for s in others if s.status == ReviewStepStatus.WAITING)
                nxt.status = ReviewStepStatus.ACTIVE
                nxt.save(update_fields=["status"])
            ApplicationEvent.objects.create(
                application=locked,
                action="approve_step",
                from_status=locked.status,
                to_status=locked.status,
                actor=reviewer,
                actor_role=Actor.REVIEWER,
                office=reviewer.department.name,
                reason=opinion or _("本部门同意"),
            )
            return locked

        def apply(app: Application, role: str) -> None:
            approve_step()
            app.decided_at = timezone.now()
            app.decision_reason = opinion

        application = application_transition(
            application=locked,
            action="approve",
            actor=reviewer,
            reason=opinion or _("符合法定条件、标准"),
            apply=apply,
        )
    _enqueue_document(application.pk, DocumentType.APPROVAL)
    _enqueue_document(application.pk, DocumentType.CERTIFICATE)
    return application


def application_refuse(*, application: Application, reviewer: User, reason: str) -> Application:
    def apply(app: Application, role: str) -> None:
        app.decided_at = timezone.now()
        app.decision_reason = reason
        app.review_steps.filter(department_id=reviewer.department_id).update(
            status=ReviewStepStatus.REFUSED,
            decided_by=reviewer,
            decided_at=timezone.now(),
            opinion=reason,
        )

    application = application_transition(
        application=application, action="refuse", actor=reviewer, reason=reason, apply=apply
    )
    _enqueue_document(application.pk, DocumentType.REFUSAL)
    return application


def application_complete(*, application: Application) -> Application:
    """已办结: the result (certificate or refusal decision) has been issued. Run by the system."""
    return application_transition(
        application=application,
        action="complete",
        actor=None,
        apply=lambda app, role: setattr(app, "completed_at", timezone.now()),
    )


# --- Deadlines (beat) ------------------------------------------------------------------------


def applications_flag_deadlines(*, today: dt.date | None = None) -> dict[str, int]:
    """Flag running cases due within 1 working day and overdue ones (clock not paused)."""
    from applications.constants import IN_PROGRESS_STATES

    today = today or _today()
    soon = add_working_days(today, 1)
    running = Application.objects.filter(status__in=IN_PROGRESS_STATES).exclude(
        status__in=PAUSED_STATES
    )
    intake = running.filter(status__in=[Status.SUBMITTED, Status.PRE_REVIEW])
    review = running.exclude(status__in=[Status.SUBMITTED, Status.PRE_REVIEW])
    overdue = intake.filter(intake_due__lt=today).update(due_flag=DueFlag.OVERDUE) + review.filter(
        promised_due__lt=today
    ).update(due_flag=DueFlag.OVERDUE)
    due_soon = intake.filter(intake_due__gte=today, intake_due__lte=soon).update(
        due_flag=DueFlag.DUE_SOON
    ) + review.filter(promised_due__gte=today, promised_due__lte=soon).update(
        due_flag=DueFlag.DUE_SOON
    )
    intake.filter(intake_due__gt=soon).exclude(due_flag="").update(due_flag="")
    review.filter(promised_due__gt=soon).exclude(due_flag="").update(due_flag="")
    Application.objects.filter(status__in=PAUSED_STATES).exclude(due_flag="").update(due_flag="")
    Application.objects.exclude(status__in=IN_PROGRESS_STATES).exclude(due_flag="").update(
        due_flag=""
    )
    return {"overdue": overdue, "due_soon": due_soon}


# --- 好差评 ----------------------------------------------------------------------------------


def application_evaluate(
    *,
    application: Application,
    actor: User,
    level: int,
    text: str = "",
    sub_scores: dict | None = None,
    channel: str = EvaluationChannel.PC,
) -> Evaluation:
    """Rate a completed case (1 非常满意 … 5 非常不满意). 差评 (4/5) open a ledger ticket."""
    if level not in Satisfaction.values:
        raise ValidationError(_("请选择满意度（非常满意至非常不满意）。"))
    if level >= Satisfaction.DISSATISFIED and not text.strip():
        raise ValidationError(_("选择“不满意”或“非常不满意”时，请写明原因，便于整改。"))
    clean_scores = {
        k: int(v) for k, v in (sub_scores or {}).items() if str(v).isdigit() and 1 <= int(v) <= 5
    }
    holder: dict = {}

    def apply(app: Application, role: str) -> None:
        evaluation = Evaluation.objects.create(
            application=app,
            number=app.number or "",
            channel=channel,
            evaluator=actor,
            evaluator_name=actor.display_name,
            level=level,
            text=text.strip()[:2000],
            sub_scores=clean_scores,
            region_code=app.region_code or "310000",
            service_id=app.service_id,
            department_id=app.department_id,
        )
        staff_ids = set(
            app.events.exclude(actor__isnull=True)
            .filter(actor__kind=AccountKind.STAFF)
            .values_list("actor_id", flat=True)
        )
        if app.agent_staff_id:
            staff_ids.add(app.agent_staff_id)
        evaluation.handlers.set(staff_ids)
        if evaluation.is_negative:
            NegativeTicket.objects.create(
                evaluation=evaluation,
                department_id=app.department_id,
                due_date=add_working_days(_today(), NEGATIVE_TICKET_DAYS),
            )
        holder["e"] = evaluation

    application_transition(
        application=application,
        action="evaluate",
        actor=actor,
        reason=Satisfaction(level).label,
        apply=apply,
    )
    return holder["e"]


# --- 差评 handling: 回访, 整改, 申诉 (REFERENCE §4) ----------------------------------------------
#
# The ticket's states and who may move them are in constants.TICKET_TRANSITIONS. The handling
# department (the one that ran the case) calls back, rectifies or appeals; 效能监督 confirms or
# sends back a rectification and decides an appeal. Every step writes a TicketEvent.

TICKET_NOTE_MAX = 2000


def ticket_may_handle(*, user: User, ticket: NegativeTicket) -> bool:
    """Staff (reviewers or clerks) of the department that handled the rated case."""
    return bool(
        user.is_authenticated
        and user.kind == AccountKind.STAFF
        and user.department_id is not None
        and user.department_id == ticket.department_id
        and (user.has_perm(PERM_REVIEW) or user.has_perm(PERM_COUNTER))
    )


def ticket_may_supervise(*, user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm(PERM_SUPERVISION))


def _ticket_check_side(*, side: str, actor: User, ticket: NegativeTicket) -> None:
    if side == TicketSide.DEPARTMENT:
        if not ticket_may_handle(user=actor, ticket=ticket):
            raise PermissionDenied(_("只有承办该办件的部门工作人员可以处理本部门的差评。"))
    elif not ticket_may_supervise(user=actor):
        raise PermissionDenied(_("只有效能监督人员可以审核差评整改和申诉。"))


def _clean_note(note: str, *, label: str, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationError(_("“%(action)s”必须填写说明。") % {"action": label})
    if len(note) > TICKET_NOTE_MAX:
        raise ValidationError(_("说明不能超过%(max)s字。") % {"max": TICKET_NOTE_MAX})
    return note


def ticket_transition(
    *,
    ticket: NegativeTicket,
    action: str,
    actor: User,
    note: str = "",
    apply: Callable[[NegativeTicket], None] | None = None,
) -> NegativeTicket:
    """Run one step of the 差评 ticket table. Raises (ticket unchanged) when illegal."""
    transition = TICKET_TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("未知的操作。"))
    with transaction.atomic():
        locked = (
            NegativeTicket.objects.select_for_update()
            .select_related("evaluation", "department")
            .get(pk=ticket.pk)
        )
        _ticket_check_side(side=transition.side, actor=actor, ticket=locked)
        if locked.status not in transition.sources:
            raise TransitionError(
                _("差评台账当前状态为“%(status)s”，不能执行“%(action)s”。")
                % {"status": locked.get_status_display(), "action": transition.label}
            )
        note = _clean_note(note, label=transition.label, required=transition.needs_note)
        if transition.side == TicketSide.SUPERVISOR:
            last = locked.events.exclude(action="callback").order_by("-created_at", "-pk").first()
            if last is not None and last.actor_id == actor.pk:
                raise TransitionError(_("不能审核本人提交的整改结果或申诉，请由其他监督人员审核。"))
        source = locked.status
        locked.status = transition.target
        if apply is not None:
            apply(locked)
        locked.save()
        TicketEvent.objects.create(
            ticket=locked,
            action=action,
            from_status=source,
            to_status=locked.status,
            actor=actor,
            office=actor.department.name if actor.department_id else "",
            note=note,
        )
    ticket.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


def ticket_callback_record(
    *,
    ticket: NegativeTicket,
    actor: User,
    called_at: dt.datetime,
    method: str,
    result: str,
    satisfied: bool | None,
) -> TicketCallback:
    """回访: record a call back to the rater (a named 差评 must be called back before the
    rectification is submitted). Not a state change; recorded as a TicketEvent too."""
    if method not in CallbackMethod.values:
        raise ValidationError(_("请选择回访方式（电话、短信或上门/当面）。"))
    result = (result or "").strip()
    if not result:
        raise ValidationError(_("请填写回访情况。"))
    if len(result) > TICKET_NOTE_MAX:
        raise ValidationError(_("说明不能超过%(max)s字。") % {"max": TICKET_NOTE_MAX})
    if satisfied is None:
        raise ValidationError(_("请选择回访后申请人是否满意。"))
    if called_at is None:
        raise ValidationError(_("请填写回访时间。"))
    if timezone.is_naive(called_at):
        called_at = timezone.make_aware(called_at)
    with transaction.atomic():
        locked = (
            NegativeTicket.objects.select_for_update()
            .select_related("evaluation")
            .get(pk=ticket.pk)
        )
        _ticket_check_side(side=TicketSide.DEPARTMENT, actor=actor, ticket=locked)
        if locked.status in (TicketStatus.RESOLVED, TicketStatus.UPHELD):
            raise TransitionError(_("该差评已处理完毕，不能再记录回访。"))
        if called_at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError(_("回访时间不能晚于当前时间。"))
        if called_at < locked.evaluation.created_at - dt.timedelta(minutes=5):
            raise ValidationError(_("回访时间不能早于评价时间。"))
        callback = TicketCallback.objects.create(
            ticket=locked,
            called_at=called_at,
            method=method,
            result=result,
            satisfied=satisfied,
            recorded_by=actor,
        )
        if locked.called_back_at is None:
            locked.called_back_at = called_at
            locked.save(update_fields=["called_back_at"])
        TicketEvent.objects.create(
            ticket=locked,
            action="callback",
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            office=actor.department.name if actor.department_id else "",
            note=_("%(method)s回访（%(satisfied)s）：%(result)s")
            % {
                "method": CallbackMethod(method).label,
                "satisfied": _("回访后满意") if satisfied else _("回访后仍不满意"),
                "result": result,
            },
        )
    ticket.called_back_at = locked.called_back_at
    return callback


def ticket_plan(
    *, ticket: NegativeTicket, actor: User, measures: str, days: int | None
) -> NegativeTicket:
    """限期整改: a complex problem gets measures and a deadline of 5–15 working days from the
    rating (local rule)."""
    if days is None or not (NEGATIVE_TICKET_MIN_DAYS <= days <= NEGATIVE_TICKET_MAX_DAYS):
        raise ValidationError(
            _("整改期限须为%(min)s至%(max)s个工作日。")
            % {"min": NEGATIVE_TICKET_MIN_DAYS, "max": NEGATIVE_TICKET_MAX_DAYS}
        )

    def apply(t: NegativeTicket) -> None:
        rated_on = timezone.localdate(t.evaluation.created_at)
        t.due_date = add_working_days(rated_on, days)
        t.rectification_kind = RectificationKind.COMPLEX
        t.measures = measures.strip()

    return ticket_transition(
        ticket=ticket,
        action="plan",
        actor=actor,
        note=_("整改措施（%(days)s个工作日内完成）：%(m)s") % {"days": days, "m": measures.strip()}
        if (measures or "").strip()
        else "",
        apply=apply,
    )


def ticket_rectify(*, ticket: NegativeTicket, actor: User, measures: str) -> NegativeTicket:
    """Submit the rectification for review: 立行立改 from 待整改, or the end of a 限期整改.
    The rater must have been called back first."""

    def apply(t: NegativeTicket) -> None:
        if t.called_back_at is None:
            raise TransitionError(_("请先完成回访并记录回访情况，再提交整改结果。"))
        if not t.rectification_kind:
            t.rectification_kind = RectificationKind.SIMPLE
        t.measures = measures.strip()

    return ticket_transition(
        ticket=ticket, action="rectify", actor=actor, note=measures, apply=apply
    )


def ticket_appeal(*, ticket: NegativeTicket, actor: User, reason: str) -> NegativeTicket:
    """申诉: the department says the rating is wrong or malicious; 效能监督 decides."""
    return ticket_transition(ticket=ticket, action="appeal", actor=actor, note=reason)


def ticket_confirm(*, ticket: NegativeTicket, actor: User, note: str = "") -> NegativeTicket:
    """效能监督 accepts the rectification: the 差评 counts as 已整改."""

    def apply(t: NegativeTicket) -> None:
        t.handled_by = actor
        t.handled_at = timezone.now()
        t.handling_note = note.strip()

    return ticket_transition(ticket=ticket, action="confirm", actor=actor, note=note, apply=apply)


def ticket_send_back(*, ticket: NegativeTicket, actor: User, reason: str) -> NegativeTicket:
    """效能监督 finds the rectification insufficient: back to the department."""
    return ticket_transition(ticket=ticket, action="send_back", actor=actor, note=reason)


def ticket_appeal_decide(
    *, ticket: NegativeTicket, actor: User, uphold: bool, note: str
) -> NegativeTicket:
    """申诉成立 leaves the rating out of every statistic; 不成立 sends the ticket back to 待整改."""

    def apply(t: NegativeTicket) -> None:
        t.handled_by = actor
        t.handled_at = timezone.now()
        t.handling_note = note.strip()
        if uphold:
            Evaluation.objects.filter(pk=t.evaluation_id).update(excluded=True)

    return ticket_transition(
        ticket=ticket,
        action="uphold" if uphold else "reject_appeal",
        actor=actor,
        note=note,
        apply=apply,
    )


# --- 统一发证: revocation ------------------------------------------------------------------------

REVOKE_REASON_MAX = 200


def document_may_revoke(*, user: User, document: Document) -> bool:
    """Reviewers of the issuing department, or a 系统管理员."""
    if not user.is_authenticated:
        return False
    if user_is_system_admin(user=user):
        return True
    return bool(
        user.kind == AccountKind.STAFF
        and user.has_perm(PERM_REVIEW)
        and user.department_id is not None
        and user.department_id == document.application.department_id
    )


def document_revoke(*, document: Document, actor: User, reason: str) -> Document:
    """撤销 an issued result certificate or 准予许可决定书: /verify/ then shows it as revoked.
    Recorded on the application's timeline; the applicant is notified after commit."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            Document.objects.select_for_update()
            .select_related("application", "application__department")
            .get(pk=document.pk)
        )
        if not document_may_revoke(user=actor, document=locked):
            raise PermissionDenied(_("只有签发部门的审批人员或系统管理员可以撤销证照。"))
        if locked.doc_type not in REVOCABLE_DOCUMENTS:
            raise TransitionError(_("只有办理结果证书和准予许可决定书可以撤销。"))
        if locked.revoked:
            raise TransitionError(
                _("该文书已于%(date)s撤销，不能重复撤销。")
                % {
                    "date": timezone.localtime(locked.revoked_at).strftime("%Y-%m-%d")
                    if locked.revoked_at
                    else "—"
                }
            )
        if not reason:
            raise ValidationError(_("撤销证照必须填写撤销理由。"))
        if len(reason) > REVOKE_REASON_MAX:
            raise ValidationError(_("撤销理由不能超过%(max)s字。") % {"max": REVOKE_REASON_MAX})
        locked.revoked = True
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked", "revoked_reason", "revoked_at", "revoked_by"])
        app = locked.application
        ApplicationEvent.objects.create(
            application=app,
            action="revoke_document",
            from_status=app.status,
            to_status=app.status,
            actor=actor,
            actor_role=Actor.REVIEWER,
            office=actor.department.name if actor.department_id else app.department.name,
            reason=f"{locked.get_doc_type_display()}：{reason}",
        )
        _enqueue_notification(app.pk, f"revoke_{locked.doc_type}")
    document.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


# --- Public helpers other apps reuse (one upload check, one private store, one notifier) -------


def upload_validate(*, data: bytes, filename: str) -> str:
    """Check an upload by its content (PDF, JPG or PNG); its content type, or ValidationError."""
    return storage.validate_upload(data=data, filename=filename)


def private_file_write(*, relative: str, data: bytes) -> str:
    """Store bytes atomically in private storage (served only by permission-checked views)."""
    storage.write_atomic(relative, data)
    return relative


def private_file_read(*, relative: str) -> bytes:
    return storage.private_path(relative).read_bytes()


def private_file_delete(*, relative: str) -> None:
    storage.private_path(relative).unlink(missing_ok=True)


def notification_deliver(
    *, email: str, phone: str, subject: str, body: str, claim: Callable[[str, str], bool]
) -> int:
    """Send one message through every active backend (e-mail, SMS…); the number sent.

    ``claim(channel, recipient)`` runs in a transaction with the send and returns False when
    this message was already sent there (the caller's idempotency row), so a retry sends once.
    """
    from applications.notifications import Message, active_backends

    message = Message(recipient_email=email, recipient_phone=phone, subject=subject, body=body)
    sent = 0
    for backend in active_backends():
        recipient = backend.recipient(message)
        if not recipient:
            continue
        with transaction.atomic():
            if not claim(backend.name, recipient):
                continue
            backend.send(message)
        sent += 1
    return sent
