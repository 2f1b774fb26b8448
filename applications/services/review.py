"""Department review (审查): start, 特别程序 (suspend / resume), 准予 (step by step for 联办), 不予许可,
and the system's 办结."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications.constants import (
    Actor,
    DocumentType,
    ReviewStepStatus,
    Status,
    SuspensionReason,
)
from applications.models import (
    Application,
    Suspension,
)
from applications.permissions import reviewer_step
from applications.services._enqueue import enqueue_document
from applications.services.transitions import (
    ApplicationMachine,
    TransitionError,
    application_transition,
)


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
            # A step of the route, not of the case: recorded on its timeline, state unchanged.
            ApplicationMachine(notify=False).record(
                obj=locked,
                action="approve_step",
                source=locked.status,
                actor=reviewer,
                role=Actor.REVIEWER,
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
    enqueue_document(application.pk, DocumentType.APPROVAL)
    enqueue_document(application.pk, DocumentType.CERTIFICATE)
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
    enqueue_document(application.pk, DocumentType.REFUSAL)
    return application


def application_complete(*, application: Application) -> Application:
    """已办结: the result (certificate or refusal decision) has been issued. Run by the system."""
    return application_transition(
        application=application,
        action="complete",
        actor=None,
        apply=lambda app, role: setattr(app, "completed_at", timezone.now()),
    )
