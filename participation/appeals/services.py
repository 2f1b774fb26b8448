"""Writes on appeals after intake: handling, answer, 回访, 重办, 办结, 评价, 并单, 督办 and unmasking.

Every function goes through the one transition service (participation.appeals.transitions).
Intake is in participation.appeals.intake, dispatch and returns in participation.appeals.dispatch.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from participation import workdays
from participation.appeals.constants import (
    ANSWER_MAX,
    CLOCK_STATES,
    OPEN_STATES,
    DueFlag,
    Satisfaction,
    Side,
    State,
)
from participation.appeals.dispatch import (  # noqa: F401  (the public face of writes)
    appeal_dispatch,
    appeal_reassign,
    appeal_return,
    appeal_return_reject,
)
from participation.appeals.intake import AppealInput, Upload, appeal_submit  # noqa: F401
from participation.appeals.models import Appeal
from participation.appeals.text import clean_text
from participation.appeals.transitions import TransitionError, appeal_transition


def appeal_take(*, appeal: Appeal, actor) -> Appeal:
    """签收: the department starts handling."""
    return appeal_transition(appeal=appeal, action="take", actor=actor)


def appeal_ask_reporter(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """The department needs more from the reporter; the clock pauses."""

    def pause(locked: Appeal) -> None:
        locked.paused_on = timezone.localdate()

    return appeal_transition(
        appeal=appeal, action="ask_reporter", actor=actor, reason=reason, apply=pause
    )


def appeal_reporter_reply(*, appeal: Appeal, actor, text: str) -> Appeal:
    """The reporter (or the centre on the phone) answers; the clock resumes where it stopped."""

    def resume(locked: Appeal) -> None:
        if locked.paused_on and locked.due_date:
            paused = workdays.working_days_between(start=locked.paused_on, end=timezone.localdate())
            locked.due_date = workdays.add_working_days(start=locked.due_date, days=max(paused, 0))
        locked.paused_on = None

    return appeal_transition(
        appeal=appeal, action="reporter_reply", actor=actor, reason=text, apply=resume
    )


def appeal_answer(*, appeal: Appeal, actor, answer: str) -> Appeal:
    """答复: the department answers the reporter."""
    text = clean_text(answer, label=_("答复内容"), max_length=ANSWER_MAX)

    def apply(locked: Appeal) -> None:
        locked.answer = text
        locked.answered_at = timezone.now()
        locked.due_flag = ""

    return appeal_transition(appeal=appeal, action="answer", actor=actor, apply=apply, note=text)


def appeal_answer_direct(*, appeal: Appeal, actor, answer: str) -> Appeal:
    """The centre answers a 咨询 itself (no department needed)."""
    text = clean_text(answer, label=_("答复内容"), max_length=ANSWER_MAX)

    def apply(locked: Appeal) -> None:
        locked.answer = text
        locked.answered_at = timezone.now()

    return appeal_transition(
        appeal=appeal, action="answer_direct", actor=actor, apply=apply, note=text
    )


def appeal_callback(*, appeal: Appeal, actor, satisfaction: str, note: str = "") -> Appeal:
    """回访: the centre calls the reporter back; a satisfied reporter's appeal is closed at once."""
    if satisfaction not in Satisfaction.values:
        raise TransitionError(_("请选择回访满意度。"))
    note = clean_text(note, label=_("回访记录"), max_length=500, required=False)

    def apply(locked: Appeal) -> None:
        locked.satisfaction = satisfaction

    result = appeal_transition(
        appeal=appeal,
        action="callback",
        actor=actor,
        apply=apply,
        note=f"{Satisfaction(satisfaction).label}{'：' + note if note else ''}",
        extra={"satisfaction": satisfaction},
    )
    if satisfaction != Satisfaction.UNSATISFIED:
        result = appeal_close(appeal=appeal, actor=actor)
    return result


def appeal_reopen(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """重办: once, after an unsatisfied 回访; back to the same department with the reason."""

    def apply(locked: Appeal) -> None:
        if locked.satisfaction != Satisfaction.UNSATISFIED:
            raise TransitionError(_("只有回访不满意的诉求可以申请重办。"))
        if locked.reopen_count >= 1:
            raise TransitionError(_("该诉求已重办过一次，不能再次重办；如仍有问题请重新提交诉求。"))
        if locked.department_id is None:
            raise TransitionError(_("该诉求由热线中心直接答复，请重新提交诉求。"))
        locked.reopen_count += 1
        locked.satisfaction = ""
        locked.due_date = workdays.add_working_days(
            start=timezone.localdate(), days=locked.category.deadline_working_days
        )
        locked.due_flag = ""

    return appeal_transition(
        appeal=appeal, action="reopen", actor=actor, reason=reason, apply=apply
    )


def appeal_close(*, appeal: Appeal, actor) -> Appeal:
    """办结."""

    def apply(locked: Appeal) -> None:
        locked.closed_at = timezone.now()
        locked.due_flag = ""

    return appeal_transition(appeal=appeal, action="close", actor=actor, apply=apply)


def appeal_evaluate(*, appeal: Appeal, actor, rating: str) -> Appeal:
    """评价: the reporter's own rating after the close."""
    if rating not in Satisfaction.values:
        raise TransitionError(_("请选择评价。"))

    def apply(locked: Appeal) -> None:
        if locked.reporter_rating:
            raise TransitionError(_("您已评价过该诉求。"))
        locked.reporter_rating = rating

    return appeal_transition(
        appeal=appeal, action="evaluate", actor=actor, apply=apply, note=Satisfaction(rating).label
    )


def appeal_supervise(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """督办: the centre (or the overdue check) presses the department."""

    def apply(locked: Appeal) -> None:
        locked.supervised_at = timezone.now()

    return appeal_transition(
        appeal=appeal, action="supervise", actor=actor, reason=reason, apply=apply
    )


def appeal_merge(*, duplicate: Appeal, primary: Appeal, actor, reason: str) -> Appeal:
    """并单: the duplicate follows the primary; its reporter gets the primary's updates."""
    if duplicate.pk == primary.pk:
        raise TransitionError(_("不能将诉求并入它自己。"))
    if primary.state not in OPEN_STATES or primary.merged_into_id:
        raise TransitionError(_("主诉求已办结或已被并单，不能并入。"))
    if primary.region_code != duplicate.region_code:
        raise TransitionError(_("只能合并同一行政区划的诉求。"))

    def apply(locked: Appeal) -> None:
        locked.merged_into = primary

    merged = appeal_transition(
        appeal=duplicate,
        action="merge",
        actor=actor,
        reason=reason,
        apply=apply,
        note=_("并入诉求 %(n)s") % {"n": primary.number},
        extra={"primary": primary.number},
    )
    appeal_transition(
        appeal=primary,
        action="merge_receive",
        actor=actor,
        note=_("重复诉求 %(n)s 已并入本诉求") % {"n": duplicate.number},
        extra={"duplicate": duplicate.number},
    )
    return merged


def appeal_unmask(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """The department asks to see the reporter's contact details; recorded, refused for 举报."""
    if appeal.is_report:
        raise TransitionError(_("举报人身份依法保密，不向承办部门提供联系方式。"))
    return appeal_transition(appeal=appeal, action="unmask", actor=actor, reason=reason)


def appeal_publish_answer(*, appeal: Appeal, actor) -> Appeal:
    """Publish a closed appeal's answer on the public page (only with the reporter's consent)."""

    def apply(locked: Appeal) -> None:
        if not locked.publish_consent:
            raise TransitionError(_("诉求人未同意公开，不能公开答复。"))
        locked.answer_published = True

    return appeal_transition(appeal=appeal, action="publish_answer", actor=actor, apply=apply)


def appeals_flag_deadlines(*, today: dt.date | None = None) -> dict[str, int]:
    """Yellow when due within 1 working day, red when overdue; red ones get a system 督办 once."""
    today = today or timezone.localdate()
    soon = workdays.add_working_days(start=today, days=1)
    running = Appeal.objects.filter(state__in=CLOCK_STATES, due_date__isnull=False)
    overdue = running.filter(due_date__lt=today).update(due_flag=DueFlag.OVERDUE)
    due_soon = running.filter(due_date__gte=today, due_date__lte=soon).update(
        due_flag=DueFlag.DUE_SOON
    )
    running.filter(due_date__gt=soon).exclude(due_flag="").update(due_flag="")
    Appeal.objects.exclude(state__in=CLOCK_STATES).exclude(due_flag="").update(due_flag="")
    pressed = 0
    for appeal in running.filter(due_flag=DueFlag.OVERDUE, supervised_at__isnull=True)[:500]:
        try:
            appeal_supervise(appeal=appeal, actor=None, reason=_("超过办理期限，系统自动督办。"))
            pressed += 1
        except TransitionError:
            continue
    return {"overdue": overdue, "due_soon": due_soon, "supervised": pressed}


__all__ = ["Side", "State"]
