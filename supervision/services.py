"""Writes of supervision: 督办 (issue and answer), 红黄牌预警, and the recorded checks on who
opens whose record or dashboard. Each runs in one transaction and writes its work record there
(worklog.services.record_action); notifications go out on commit, through Celery."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_is_department_head
from applications import selectors as cases
from applications.constants import IN_PROGRESS_STATES
from applications.models import Application
from config.tasks import enqueue
from supervision import permissions
from supervision.constants import (
    ACTION_CHASE_ANSWER,
    ACTION_CHASE_ISSUE,
    ACTION_DENIED,
    ACTION_RECORD_VIEW,
)
from supervision.models import Chase
from worklog.services import record_action

CHASE_MAX_DAYS = 30
TEXT_MAX = 500  # the work record keeps 500 characters of a reason


def _clean(text: str, *, label: str) -> str:
    # Free text keeps its full-width punctuation (NFKC is for identifiers, not prose).
    value = (text or "").strip()
    if not value:
        raise ValidationError(_("请填写%(label)s。") % {"label": label})
    if len(value) > TEXT_MAX:
        raise ValidationError(_("%(label)s不能超过 %(n)s 个字。") % {"label": label, "n": TEXT_MAX})
    return value


# --- Access checks that leave a trace --------------------------------------------------------


def access_denied_record(*, user: User, what: str, target_type: str, target_id: str) -> None:
    """target_type is a model label ("accounts.user", "accounts.department")."""
    """Record a refused attempt to open someone else's record or another department's view."""
    if not user.is_authenticated:
        return
    with transaction.atomic():
        record_action(
            actor=user,
            action=ACTION_DENIED,
            label=_("越权查看被拒绝：%(what)s") % {"what": what},
            target_type=target_type,
            target_id=target_id,
            target_label=what,
            department=user.department,
        )


def record_view_open(*, viewer: User, subject: User) -> None:
    """Let `viewer` open `subject`'s 工作记实, recording the view; PermissionDenied (recorded
    too) when the rules of supervision.permissions do not allow it."""
    if viewer.pk == subject.pk:
        return
    if not permissions.may_see_record(viewer, subject):
        access_denied_record(
            user=viewer,
            what=_("%(name)s 的工作记实") % {"name": subject.display_name},
            target_type="accounts.user",
            target_id=str(subject.pk),
        )
        raise PermissionDenied
    with transaction.atomic():
        record_action(
            actor=viewer,
            action=ACTION_RECORD_VIEW,
            label=_("查看他人工作记实"),
            target=subject,
            target_label=subject.display_name,
            department=viewer.department,
        )


def dashboard_open(*, user: User, department_id: int | None) -> None:
    """PermissionDenied (recorded) unless the user may see that department's figures."""
    if permissions.may_see_department(user, department_id):
        return
    access_denied_record(
        user=user,
        what=_("部门效能看板"),
        target_type="accounts.department",
        target_id=str(department_id or "all"),
    )
    raise PermissionDenied


# --- 督办 -------------------------------------------------------------------------------------


def _validate_due(due_date: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if due_date is None:
        raise ValidationError(_("请填写答复期限。"))
    if due_date < today:
        raise ValidationError(_("答复期限不能早于今天。"))
    if due_date > today + dt.timedelta(days=CHASE_MAX_DAYS):
        raise ValidationError(_("答复期限不能超过 %(n)s 天。") % {"n": CHASE_MAX_DAYS})
    return due_date


def chase_issue(
    *, application: Application, actor: User, message: str, due_date: dt.date | None
) -> Chase:
    """督办: a supervisor formally chases a running case's holder, with a deadline."""
    if not permissions.is_supervisor(actor):
        raise PermissionDenied
    message = _clean(message, label=_("督办事项"))
    due_date = _validate_due(due_date)
    if application.status not in IN_PROGRESS_STATES:
        raise ValidationError(_("该办件已不在办理中，无需督办。"))
    holder = cases.case_holders(applications=[application]).get(application.pk)
    try:
        with transaction.atomic():
            chase = Chase.objects.create(
                application=application,
                department_id=application.department_id,
                holder=holder,
                issued_by=actor,
                message=message,
                due_date=due_date,
            )
            record_action(
                actor=actor,
                action=ACTION_CHASE_ISSUE,
                label=_("发出督办"),
                target=application,
                target_label=application.number or "",
                department=actor.department,
                reason=message,
                extra={
                    "chase_id": chase.pk,
                    "holder_id": holder.pk if holder else None,
                    "due_date": due_date.isoformat(),
                },
            )
            enqueue("supervision.tasks.chase_notify", chase.pk)
    except IntegrityError as exc:
        raise ValidationError(_("该办件已有尚未答复的督办，请等待答复。")) from exc
    return chase


def chase_may_answer(*, user: User, chase: Chase) -> bool:
    if not user.is_authenticated:
        return False
    if chase.holder_id is not None and chase.holder_id == user.pk:
        return True
    # The department head answers for the department when nobody holds the case.
    return bool(user_is_department_head(user=user) and user.department_id == chase.department_id)


def chase_answer(*, chase: Chase, actor: User, answer: str) -> Chase:
    """The holder (or the department head) answers a 督办; it then leaves the case."""
    if not chase_may_answer(user=actor, chase=chase):
        raise PermissionDenied
    answer = _clean(answer, label=_("答复内容"))
    with transaction.atomic():
        locked = Chase.objects.select_for_update().select_related("application").get(pk=chase.pk)
        if locked.answered_at is not None:
            raise ValidationError(_("该督办已经答复。"))
        locked.answer = answer
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        record_action(
            actor=actor,
            action=ACTION_CHASE_ANSWER,
            label=_("答复督办"),
            target=locked.application,
            target_label=locked.application.number or "",
            department=actor.department,
            reason=answer,
            extra={"chase_id": locked.pk, "late": locked.answered_at.date() > locked.due_date},
        )
    return locked
