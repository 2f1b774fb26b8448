"""叫号: the clerk's steps at the window, one table of allowed states (constants.TICKET_STEPS).

Call next takes the first waiting ticket with SELECT … FOR UPDATE SKIP LOCKED, so two windows
calling at the same instant never receive the same ticket. Every step is recorded in the work
record inside the step's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists
from django.utils.translation import gettext as _

from accounts.constants import PERM_COUNTER
from accounts.models import User
from applications import selectors as app_selectors
from applications import services as app_services
from applications.models import Application
from config.tasks import enqueue
from hall import clock, selectors
from hall.constants import SKIP_REQUEUE_LIMIT, TICKET_STEPS, CallKind, Priority, TicketStatus
from hall.errors import HallError
from hall.models import CallEvent, Ticket, Window, WindowAssignment, WindowGroup
from hall.records import record
from services_catalog.models import ServiceItem


def _now() -> dt.datetime:
    return clock.now()


def _require_window(*, clerk: User, window: Window, day: dt.date) -> None:
    if not clerk.has_perm(PERM_COUNTER):
        raise PermissionDenied
    assigned = selectors.window_for_clerk(clerk=clerk, day=day)
    if assigned is None or assigned.pk != window.pk:
        raise HallError(_("您今天未排班到该窗口，不能叫号。"))


def _notify_near_on_commit(group_id: int, day: dt.date) -> None:
    enqueue("hall.tasks.tickets_near_notify", group_id, day.isoformat())


def _next_waiting(*, window: Window, clerk: User, day: dt.date) -> Ticket | None:
    """The first waiting ticket of the window's group, locked (SKIP LOCKED), in one statement
    that also holds only while the clerk is on the window's rota and the window is free."""
    on_rota = WindowAssignment.objects.filter(
        staff=clerk, day=day, window_id=window.pk, window__active=True
    )
    busy = Ticket.objects.filter(
        window_id=window.pk, status__in=[TicketStatus.CALLED, TicketStatus.SERVING]
    )
    return (
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(hall_id=window.hall_id, day=day, group_id=window.group_id)
        .filter(status=TicketStatus.WAITING)
        .filter(Exists(on_rota), ~Exists(busy))
        .order_by("-priority", "queued_at", "pk")
        .first()
    )


def _why_none(*, window: Window, clerk: User, day: dt.date) -> HallError:
    """Why no ticket came back (the rare path, so the checks cost nothing on a call)."""
    _require_window(clerk=clerk, window=window, day=day)
    if Ticket.objects.filter(
        window=window, status__in=[TicketStatus.CALLED, TicketStatus.SERVING]
    ).exists():
        return HallError(_("请先办结、过号或转出当前的号，再叫下一位。"))
    return HallError(_("当前没有等候的号。"))


def ticket_call_next(*, window: Window, clerk: User, now: dt.datetime | None = None) -> Ticket:
    """Call the next ticket for the window's group: 绿色通道, then checked-in appointments within
    their slot, then everyone else, each in queue order.

    The hot path is six statements: the locked select (rota and "window still busy" folded
    in), the update, the call event and the work record's three (lock, tip, insert)."""
    now = now or _now()
    if not clerk.has_perm(PERM_COUNTER):
        raise PermissionDenied
    with transaction.atomic():
        ticket = _next_waiting(window=window, clerk=clerk, day=now.date())
        if ticket is None:
            raise _why_none(window=window, clerk=clerk, day=now.date())
        from_state = ticket.status
        ticket.status = TicketStatus.CALLED
        ticket.window, ticket.clerk, ticket.called_at = window, clerk, now
        ticket.first_called_at = ticket.first_called_at or now
        ticket.save(update_fields=["status", "window", "clerk", "called_at", "first_called_at"])
        CallEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window)
        record(
            actor=clerk,
            action="call",
            label=_("叫号"),
            ticket=ticket,
            from_state=from_state,
            to_state=ticket.status,
            extra={"window": window.number},
        )
        _notify_near_on_commit(window.group_id, now.date())
    return ticket


def _step(
    *,
    ticket: Ticket,
    clerk: User,
    action: str,
    label: str,
    apply: Callable[[Ticket], None],
    reason: str = "",
) -> Ticket:
    """One clerk step on a ticket the clerk holds, with the row locked."""
    sources, target = TICKET_STEPS[action]
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if locked.clerk_id != clerk.pk or locked.status not in sources:
            if locked.clerk_id != clerk.pk:
                raise HallError(_("这个号不是您叫的，不能操作。"))
            raise HallError(
                _("号码 %(n)s 当前为“%(s)s”，不能%(a)s。")
                % {"n": locked.number, "s": locked.get_status_display(), "a": label}
            )
        from_state = locked.status
        locked.status = target
        apply(locked)
        locked.save()
        record(
            actor=clerk,
            action=action,
            label=label,
            ticket=locked,
            from_state=from_state,
            to_state=locked.status,
            reason=reason,
        )
    return locked


def ticket_recall(*, ticket: Ticket, clerk: User) -> Ticket:
    def apply(t: Ticket) -> None:
        t.called_at = _now()
        CallEvent.objects.create(hall_id=t.hall_id, ticket=t, window=t.window, kind=CallKind.RECALL)

    return _step(ticket=ticket, clerk=clerk, action="recall", label=_("重呼"), apply=apply)


def _release(t: Ticket) -> None:
    t.window = None
    t.clerk = None


def ticket_skip(*, ticket: Ticket, clerk: User) -> Ticket:
    """过号: back to the end of the queue once; the next time the number is dropped."""

    def apply(t: Ticket) -> None:
        if t.skips >= SKIP_REQUEUE_LIMIT:
            t.status = TicketStatus.DROPPED
            t.finished_at = _now()
        else:
            t.queued_at = _now()
            _release(t)
        t.skips += 1

    return _step(ticket=ticket, clerk=clerk, action="skip", label=_("过号"), apply=apply)


def ticket_transfer(*, ticket: Ticket, clerk: User, group: WindowGroup) -> Ticket:
    """转窗口组: the number keeps its place in the other group's queue."""
    if group.hall_id != ticket.hall_id or group.pk == ticket.group_id:
        raise HallError(_("请选择本大厅的另一个窗口组。"))

    def apply(t: Ticket) -> None:
        t.group = group
        t.started_at = None
        _release(t)

    return _step(
        ticket=ticket,
        clerk=clerk,
        action="transfer",
        label=_("转窗口组"),
        apply=apply,
        reason=group.name,
    )


def ticket_start(*, ticket: Ticket, clerk: User) -> Ticket:
    return _step(
        ticket=ticket,
        clerk=clerk,
        action="start",
        label=_("开始办理"),
        apply=lambda t: setattr(t, "started_at", _now()),
    )


def ticket_finish(*, ticket: Ticket, clerk: User) -> Ticket:
    def apply(t: Ticket) -> None:
        t.finished_at = _now()
        t.started_at = t.started_at or t.called_at

    return _step(ticket=ticket, clerk=clerk, action="finish", label=_("办结"), apply=apply)


def ticket_set_green_lane(*, ticket: Ticket, staff: User) -> Ticket:
    """绿色通道 for the elderly or disabled, set by hall staff on a waiting ticket."""
    if not staff.has_perm(PERM_COUNTER):
        raise PermissionDenied
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if locked.status != TicketStatus.WAITING:
            raise HallError(_("只有等候中的号可以设为绿色通道。"))
        locked.priority = Priority.GREEN
        locked.save(update_fields=["priority"])
        record(actor=staff, action="green_lane", label=_("绿色通道"), ticket=locked)
    return locked


def _holding(ticket: Ticket, clerk: User) -> Ticket:
    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if locked.clerk_id != clerk.pk or locked.status not in (
        TicketStatus.CALLED,
        TicketStatus.SERVING,
    ):
        raise HallError(_("这个号不是您正在办理的号。"))
    return locked


def ticket_link_case(*, ticket: Ticket, clerk: User, number: str) -> Ticket:
    """Link the ticket to an existing case the clerk may handle, by its 办件编号."""
    number = (number or "").strip().upper()
    found = app_selectors.applications_for_clerk(clerk=clerk).filter(number=number).first()
    if found is None:
        raise HallError(_("未找到您可以受理的该编号办件。"))
    return _link(ticket=ticket, clerk=clerk, application=found)


def _link(*, ticket: Ticket, clerk: User, application: Application) -> Ticket:
    with transaction.atomic():
        locked = _holding(ticket, clerk)
        locked.application = application
        locked.save(update_fields=["application"])
        record(
            actor=clerk,
            action="link_case",
            label=_("关联办件"),
            ticket=locked,
            extra={"application": application.number or str(application.pk)},
        )
    return locked


def ticket_start_walk_in(
    *,
    ticket: Ticket,
    clerk: User,
    service: ServiceItem,
    real_name: str,
    id_number: str,
    phone: str,
    identity_checked: bool,
) -> tuple[Ticket, Application]:
    """A new walk-in case (窗口代办) for the person holding the ticket, linked to it."""
    with transaction.atomic():
        _holding(ticket, clerk)
        application = app_services.walk_in_start(
            clerk=clerk,
            service=service,
            real_name=real_name,
            id_number=id_number,
            phone=phone,
            identity_checked=identity_checked,
        )
        ticket = _link(ticket=ticket, clerk=clerk, application=application)
    return ticket, application
