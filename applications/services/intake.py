"""The window (窗口受理): item-by-item checks, 受理 / 容缺受理, 不予受理,
一次性告知补正 and the applicant's 补正. Walk-ins (窗口代办) start in services/walk_in.py."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications import deadlines
from applications.constants import (
    OPEN_INTAKE_STATES,
    SUPPLEMENT_NOTICE_DAYS,
    TOLERANCE_MAX_DAYS,
    TRANSITIONS,
    DocumentType,
    MaterialCheck,
    MaterialMode,
    ReviewStepStatus,
    Status,
)
from applications.deadlines import add_working_days
from applications.models import (
    Application,
    ReviewStep,
    SupplementRequest,
)
from applications.permissions import clerk_may_handle
from applications.services._enqueue import enqueue_document
from applications.services.transitions import TransitionError, application_transition
from services_catalog.constants import JointMode, MaterialNecessity
from worklog.services import record_action


def material_check(
    *, application: Application, clerk: User, results: dict[str, tuple[str, str]]
) -> None:
    """Item-by-item check at the window: {code: (check_status, note)}."""
    if not clerk_may_handle(user=clerk, application=application):
        raise PermissionDenied
    if application.status not in OPEN_INTAKE_STATES:
        raise TransitionError(_("只有待受理的办件可以核验材料。"))
    items = {m.code: m for m in application.materials.all()}
    changed = []
    for code, (status, note) in results.items():
        item = items.get(code)
        if item is None or status not in MaterialCheck.values:
            continue
        if (item.check_status, item.check_note) == (status, note[:200]):
            continue
        item.check_status = status
        item.check_note = note[:200]
        item.save(update_fields=["check_status", "check_note"])
        changed.append(f"{item.name}：{item.get_check_status_display()}")
    if changed:
        record_action(
            actor=clerk,
            action="applications.material_check",
            label=_("逐项核验材料"),
            target=application,
            reason="；".join(changed),
        )


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


Checks = dict[str, tuple[str, str]]


def _record_checks(*, application: Application, clerk: User, checks: Checks | None) -> None:
    """The item-by-item checks posted with a window step are saved with it, or not at all."""
    if checks:
        material_check(application=application, clerk=clerk, results=checks)


def _tolerance_days(*, application: Application, tolerate: list[str]) -> int:
    """容缺受理's 补正 period; raises unless the service and the materials allow it."""
    service = application.service
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
    return days


def _require_window_step(*, application: Application, clerk: User, action: str) -> None:
    """Who and when, before anything is checked or written (the engine checks again, locked)."""
    transition = TRANSITIONS[action]
    if not clerk_may_handle(user=clerk, application=application):
        raise TransitionError(_("您没有受理此办件的权限（仅限窗口受理人员）。"))
    if application.status not in transition.sources:
        raise TransitionError(
            _("办件当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": application.get_status_display(), "action": transition.label}
        )


def _require_checked(*, application: Application, tolerate: list[str]) -> None:
    """受理 only when every material the guide requires (必备, and 容缺 ones not tolerated now)
    was checked 符合 at the window, and only when the case carries every material the guide
    requires (an empty list must not pass vacuously). Raises naming the items that were not."""
    held = set(application.materials.values_list("code", flat=True))
    absent = [
        m.name
        for m in application.service.materials.all()
        if m.necessity != MaterialNecessity.OPTIONAL and m.code not in held
    ]
    if absent:
        raise TransitionError(
            _("本办件缺少事项指南要求的材料：%(items)s，不能受理。") % {"items": "、".join(absent)}
        )
    open_items = []
    for item in application.materials.all():
        if item.necessity == MaterialNecessity.OPTIONAL or item.code in tolerate:
            continue
        if item.check_status != MaterialCheck.OK:
            open_items.append(f"{item.name}（{item.get_check_status_display()}）")
    if open_items:
        raise TransitionError(
            _("以下材料尚未核验为“符合”，不能受理：%(items)s。请逐项核验，或一次性告知补正。")
            % {"items": "、".join(open_items)}
        )


def _take_tolerance_commitment(*, application: Application, clerk: User) -> None:
    """The clerk takes the applicant's 容缺 commitment at the window, on the applicant's behalf;
    the clerk is the actor on the record."""
    application.commitment_text = _(
        "容缺受理承诺：申请人承诺在期限内补交所缺材料（由窗口人员%(clerk)s当面代为记录）。"
    ) % {"clerk": clerk.display_name}
    application.commitment_signed_at = timezone.now()
    application.save(update_fields=["commitment_text", "commitment_signed_at", "updated_at"])
    record_action(
        actor=clerk,
        action="applications.tolerance_commitment",
        label=_("代为记录容缺承诺"),
        target=application,
        reason=_("申请人当面作出容缺承诺，窗口人员代为记录"),
        extra={"on_behalf_of": application.applicant_id},
    )


def application_accept(
    *,
    application: Application,
    clerk: User,
    tolerate: Iterable[str] = (),
    reason: str = "",
    checks: Checks | None = None,
    commitment_signed: bool = False,
) -> Application:
    """受理: only when every required material was checked 符合 (the checks posted with the step
    count). With `tolerate` (codes of TOLERABLE materials) this is 容缺受理: the service must allow
    it and the applicant's commitment must be taken (commitment_signed: the clerk records the one
    the applicant made at the window, as the clerk); the 补正 deadline is ≤ 20 working days and at
    least 2 shorter than the promised time. Refused: nothing changes, the checks included."""
    tolerate = list(dict.fromkeys(tolerate))
    with transaction.atomic():
        _require_window_step(application=application, clerk=clerk, action="accept")
        _record_checks(application=application, clerk=clerk, checks=checks)
        _require_checked(application=application, tolerate=tolerate)
        if tolerate and commitment_signed and not application.commitment_signed_at:
            _take_tolerance_commitment(application=application, clerk=clerk)
        days = _tolerance_days(application=application, tolerate=tolerate) if tolerate else 0

        def apply(app: Application, role: str) -> None:
            app.accepted_at = timezone.now()
            # The promised and legal time run from acceptance (Art. 42): waits before it
            # (补正 before acceptance) are not part of this clock.
            app.paused_working_days = 0
            deadlines.recompute_dues(app)
            if tolerate:
                app.tolerance_deadline = add_working_days(deadlines.local_today(), days)
                app.materials.filter(code__in=tolerate).update(
                    mode=MaterialMode.TOLERATED, check_status=MaterialCheck.MISSING
                )
            _create_review_steps(app)

        note = reason.strip()
        if tolerate:
            names = [m.name for m in application.materials.filter(code__in=tolerate)]
            note = (_("容缺受理，缺：%(items)s") % {"items": "、".join(names)}) + (
                f"；{note}" if note else ""
            )
        source = application.status
        application = application_transition(
            application=application, action="accept", actor=clerk, reason=note, apply=apply
        )
        _record_step(application, clerk, "accept", _("受理"), source, note)
        enqueue_document(application.pk, DocumentType.ACCEPTANCE)
    return application


def _record_step(
    application: Application, clerk: User, action: str, label: str, source: str, reason: str
) -> None:
    record_action(
        actor=clerk,
        action=f"applications.{action}",
        label=label,
        target=application,
        from_state=source,
        to_state=application.status,
        reason=reason,
    )


def application_pre_review(
    *, application: Application, clerk: User, checks: Checks | None = None
) -> Application:
    """开始预审 at the window (with the checks posted with it)."""
    with transaction.atomic():
        _record_checks(application=application, clerk=clerk, checks=checks)
        application = application_transition(
            application=application, action="pre_review", actor=clerk
        )
        _record_step(application, clerk, "pre_review", _("开始预审"), Status.SUBMITTED, "")
        return application


def _problem_items(*, application: Application, items: dict[str, str]) -> dict:
    """The ticked materials with their problems; raises naming what is missing."""
    if not items:
        raise TransitionError(_("请至少勾选一项有问题的材料，并写明问题。"))
    known = {m.code: m for m in application.materials.all()}
    if any(c not in known for c in items):
        raise TransitionError(_("所选材料不属于本事项。"))
    unexplained = [known[c].name for c, problem in items.items() if not problem.strip()]
    if unexplained:
        raise TransitionError(
            _("请写明以下材料的问题：%(items)s。") % {"items": "、".join(unexplained)}
        )
    return known


def application_reject_intake(
    *,
    application: Application,
    clerk: User,
    reason: str,
    items: dict[str, str] | None = None,
    confirmed: bool = False,
    checks: Checks | None = None,
) -> Application:
    """不予受理: a reason, the materials concerned with their problems, and the clerk's explicit
    confirmation (the decision is final for this filing). Refused: nothing changes."""
    items = {c: (p or "").strip() for c, p in (items or {}).items()}
    with transaction.atomic():
        _require_window_step(application=application, clerk=clerk, action="reject_intake")
        if not reason.strip():
            raise TransitionError(_("不予受理须写明理由。"))
        known = _problem_items(application=application, items=items)
        if not confirmed:
            raise TransitionError(_("不予受理须确认：请勾选“确认作出不予受理决定”后再提交。"))
        _record_checks(application=application, clerk=clerk, checks=checks)
        listing = "；".join(f"{known[c].name}：{p}" for c, p in items.items())
        full = f"{reason.strip()}（{listing}）"
        source = application.status
        application = application_transition(
            application=application,
            action="reject_intake",
            actor=clerk,
            reason=full,
            apply=lambda app, role: setattr(app, "decided_at", timezone.now()),
        )
        _record_step(application, clerk, "reject_intake", _("不予受理"), source, full)
        enqueue_document(application.pk, DocumentType.NON_ACCEPTANCE)
    return application


def application_request_supplement(
    *,
    application: Application,
    clerk: User,
    items: dict[str, str],
    note: str = "",
    checks: Checks | None = None,
) -> SupplementRequest:
    """一次性告知: one notice listing every missing or wrong material (code → problem), with
    a reason. Refused: nothing changes."""
    items = {c: (p or "").strip() for c, p in items.items()}
    with transaction.atomic():
        _require_window_step(application=application, clerk=clerk, action="request_supplement")
        known = _problem_items(application=application, items=items)
        if not note.strip():
            raise TransitionError(_("一次性告知补正须写明补正说明。"))
        _record_checks(application=application, clerk=clerk, checks=checks)
        source = application.status
        request = _request_supplement(application=application, clerk=clerk, items=items, note=note)
        reason = "；".join(f"{known[c].name}：{p}" for c, p in items.items())
        _record_step(application, clerk, "request_supplement", _("一次性告知补正"), source, reason)
        return request


def _request_supplement(
    *, application: Application, clerk: User, items: dict[str, str], note: str
) -> SupplementRequest:
    known = {m.code: m for m in application.materials.all()}
    reason = "；".join(f"{known[c].name}：{p}" for c, p in items.items())
    holder: dict = {}

    def apply(app: Application, role: str) -> None:
        for code, problem in items.items():
            known[code].check_status = (
                MaterialCheck.WRONG
                if known[code].file_path or known[code].mode == MaterialMode.EVIDENCE
                else MaterialCheck.MISSING
            )
            known[code].check_note = problem[:200]
            known[code].save(update_fields=["check_status", "check_note"])
        holder["request"] = SupplementRequest.objects.create(
            application=app,
            created_by=clerk,
            note=note.strip(),
            items=[{"code": c, "name": known[c].name, "problem": p} for c, p in items.items()],
            deadline=add_working_days(deadlines.local_today(), TOLERANCE_MAX_DAYS),
        )

    application = application_transition(
        application=application,
        action="request_supplement",
        actor=clerk,
        reason=reason,
        apply=apply,
    )
    enqueue_document(application.pk, DocumentType.SUPPLEMENT)
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
        deadlines.set_intake_due(app, days=SUPPLEMENT_NOTICE_DAYS)
        if request is not None:
            request.fulfilled_at = timezone.now()
            request.save(update_fields=["fulfilled_at"])

    return application_transition(
        application=application, action="supplement_submit", actor=actor, apply=apply
    )
