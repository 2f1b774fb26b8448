"""差评 handling: 回访, 整改, 申诉 (docs/domain.md, 好差评).

The ticket's states and who may move them are in constants.TICKET_TRANSITIONS, run by the one
engine in services.transitions. The handling department (the one that ran the case) calls back,
rectifies or appeals; 效能监督 confirms or sends back a rectification and decides an appeal.
Every step writes a TicketEvent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications.constants import (
    NEGATIVE_TICKET_MAX_DAYS,
    NEGATIVE_TICKET_MIN_DAYS,
    TICKET_TRANSITIONS,
    CallbackMethod,
    RectificationKind,
    TicketSide,
    TicketStatus,
    Transition,
)
from applications.deadlines import add_working_days
from applications.models import Evaluation, NegativeTicket, TicketCallback, TicketEvent
from applications.permissions import ticket_may_handle, ticket_may_supervise
from applications.services.transitions import StateMachine, TransitionError

TICKET_NOTE_MAX = 2000


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


class TicketMachine(StateMachine):
    """The 差评 ticket: TICKET_TRANSITIONS; a supervisor never reviews their own submission."""

    table = TICKET_TRANSITIONS

    def __init__(self) -> None:
        self.state_error = _("差评台账当前状态为“%(status)s”，不能执行“%(action)s”。")

    def lock(self, pk: int) -> NegativeTicket:
        return (
            NegativeTicket.objects.select_for_update()
            .select_related("evaluation", "department")
            .get(pk=pk)
        )

    def authorise(
        self, *, transition: Transition, actor: User | None, obj: NegativeTicket, action: str
    ) -> str:
        _ticket_check_side(side=transition.actor, actor=actor, ticket=obj)
        return transition.actor

    def clean_reason(self, *, transition: Transition, reason: str) -> str:
        return _clean_note(reason, label=transition.label, required=transition.needs_reason)

    def guard(self, *, obj: NegativeTicket, transition: Transition, actor: User | None) -> None:
        if transition.actor == TicketSide.SUPERVISOR:
            last = obj.events.exclude(action="callback").order_by("-created_at", "-pk").first()
            if last is not None and last.actor_id == actor.pk:
                raise TransitionError(_("不能审核本人提交的整改结果或申诉，请由其他监督人员审核。"))

    def record(
        self,
        *,
        obj: NegativeTicket,
        action: str,
        source: str,
        actor: User | None,
        role: str,
        reason: str,
    ) -> None:
        TicketEvent.objects.create(
            ticket=obj,
            action=action,
            from_status=source,
            to_status=obj.status,
            actor=actor,
            office=actor.department.name if actor.department_id else "",
            note=reason,
        )


def ticket_transition(
    *,
    ticket: NegativeTicket,
    action: str,
    actor: User,
    note: str = "",
    apply: Callable[[NegativeTicket], None] | None = None,
) -> NegativeTicket:
    """Run one step of the 差评 ticket table. Raises (ticket unchanged) when illegal."""
    return TicketMachine().run(
        obj=ticket,
        action=action,
        actor=actor,
        reason=note,
        apply=(lambda t, role: apply(t)) if apply is not None else None,
    )


def _clean_callback(
    *, method: str, result: str, satisfied: bool | None, called_at: dt.datetime | None
) -> tuple[str, dt.datetime]:
    """The 回访 record's own checks, before the ticket is locked."""
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
    return result, called_at


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
    result, called_at = _clean_callback(
        method=method, result=result, satisfied=satisfied, called_at=called_at
    )
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
        # Not a state change; recorded on the ticket's history all the same.
        TicketMachine().record(
            obj=locked,
            action="callback",
            source=locked.status,
            actor=actor,
            role=TicketSide.DEPARTMENT,
            reason=_("%(method)s回访（%(satisfied)s）：%(result)s")
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
