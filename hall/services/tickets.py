"""取号: numbers per hall, day and window group, with no duplicates and no gaps.

The next number comes from a TicketCounter row locked with SELECT … FOR UPDATE in the same
transaction that creates the ticket, so a rolled-back ticket also rolls back its number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from applications.models import Application
from hall import clock, selectors
from hall.constants import Priority, TicketChannel, TicketStatus
from hall.errors import HallError
from hall.models import Appointment, Hall, Ticket, TicketCounter, WindowGroup
from hall.notify import enqueue_notice
from hall.selectors.slots import hall_open_on
from services_catalog.models import ServiceItem

MAX_SERVICES_PER_TICKET = 5
NEAR_TURN = 3  # 前面还有 3 位


def _is_open(hall: Hall, now: dt.datetime) -> bool:
    if not hall_open_on(hall=hall, day=now.date()):
        return False
    t = now.time()
    return hall.opening_hours.filter(weekday=now.weekday(), opens__lte=t, closes__gt=t).exists()


def _next_seq(group: WindowGroup, day: dt.date) -> int:
    TicketCounter.objects.bulk_create([TicketCounter(group=group, day=day)], ignore_conflicts=True)
    counter = TicketCounter.objects.select_for_update().get(group=group, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def ticket_issue(
    *,
    hall: Hall,
    services: Sequence[ServiceItem],
    channel: str,
    user: User | None = None,
    appointment: Appointment | None = None,
    application: Application | None = None,
    group: WindowGroup | None = None,
    priority: int = Priority.NORMAL,
    now: dt.datetime | None = None,
) -> Ticket:
    """Issue the next number of the group serving the first service (one visit, ≤ 5 services)."""
    now = now or clock.now()
    services = list(dict.fromkeys(services))
    if not services:
        raise HallError(_("请至少选择一项要办理的事项。"))
    if len(services) > MAX_SERVICES_PER_TICKET:
        raise HallError(_("一次取号最多选择 %(n)s 项事项。") % {"n": MAX_SERVICES_PER_TICKET})
    if not hall.active or not _is_open(hall, now):
        raise HallError(_("大厅当前不在办公时间，请在开放时间内取号。"))
    if group is None:
        groups = selectors.groups_for_service(hall=hall, service=services[0])
        if not groups:
            raise HallError(_("本大厅不办理该事项。"))
        group = groups[0]
    with transaction.atomic():
        seq = _next_seq(group, now.date())
        ticket = Ticket.objects.create(
            hall=hall,
            group=group,
            issued_group=group,
            day=now.date(),
            seq=seq,
            number=f"{group.prefix}{seq:03d}",
            channel=channel,
            user=user,
            appointment=appointment,
            application=application,
            priority=priority,
            queued_at=now,
            issued_at=now,
        )
        ticket.services.set(services)
    return ticket


def ticket_issue_online(
    *, user: User, hall: Hall, services: Sequence[ServiceItem], now: dt.datetime | None = None
) -> Ticket:
    """网上取号 on the day: one waiting ticket per person per hall."""
    now = now or clock.now()
    if Ticket.objects.filter(
        user=user, hall=hall, day=now.date(), status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
    ).exists():
        raise HallError(_("您今天在该大厅已有等候中的号，请勿重复取号。"))
    return ticket_issue(
        hall=hall, services=services, channel=TicketChannel.ONLINE, user=user, now=now
    )


def tickets_notify_near(*, group_id: int, day: dt.date) -> int:
    """Tell people with an online or booked ticket when only NEAR_TURN are ahead, once each."""
    waiting = list(
        Ticket.objects.filter(group_id=group_id, day=day, status=TicketStatus.WAITING)
        .order_by("-priority", "queued_at", "pk")
        .values_list("pk", "user_id", "notified_ahead")[: NEAR_TURN + 1]
    )
    sent = 0
    for ahead, (pk, user_id, notified) in enumerate(waiting):
        if user_id and ahead <= NEAR_TURN and notified is None:
            if Ticket.objects.filter(pk=pk, notified_ahead__isnull=True).update(
                notified_ahead=ahead
            ):
                enqueue_notice("ticket_near", pk)
                sent += 1
    return sent
