"""What the calling display shows, and how long a person still waits."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from hall.constants import DEFAULT_SERVICE_MINUTES, ESTIMATE_SAMPLE, TicketStatus
from hall.models import CallEvent, Hall, Ticket, WindowGroup

LAST_CALLS = 8


def _mean_service_minutes(group: WindowGroup) -> float:
    recent = list(
        Ticket.objects.filter(
            group=group,
            status=TicketStatus.DONE,
            started_at__isnull=False,
            finished_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("started_at", "finished_at")[:ESTIMATE_SAMPLE]
    )
    if not recent:
        return float(DEFAULT_SERVICE_MINUTES)
    total = sum((end - start).total_seconds() for start, end in recent)
    return max(1.0, total / len(recent) / 60)


def waiting_estimate(*, group: WindowGroup, ahead: int, day: dt.date) -> int:
    """Minutes until a person with ``ahead`` people before them is called, from recent
    service times and the windows staffed today."""
    windows = group.windows.filter(active=True, assignments__day=day).distinct().count() or 1
    return round(ahead * _mean_service_minutes(group) / windows)


def ticket_position(*, ticket: Ticket) -> int:
    """How many waiting tickets of the same group will be called before this one."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    return (
        Ticket.objects.filter(group_id=ticket.group_id, day=ticket.day, status=TicketStatus.WAITING)
        .filter(
            Q(priority__gt=ticket.priority)
            | Q(priority=ticket.priority, queued_at__lt=ticket.queued_at)
            | Q(priority=ticket.priority, queued_at=ticket.queued_at, pk__lt=ticket.pk)
        )
        .count()
    )


def display_state(*, hall: Hall, day: dt.date) -> dict:
    """The current call at each window (only tickets called or being served now), the last
    calls, and per group the number waiting with an estimated wait. ``last_call_id`` lets the
    screen speak only what it has not spoken yet."""
    current = {
        t["window__number"]: t
        for t in Ticket.objects.filter(
            hall=hall,
            day=day,
            status__in=[TicketStatus.CALLED, TicketStatus.SERVING],
            window__isnull=False,
        ).values("window__number", "number", "status")
    }
    windows = [
        {
            "window": w.number,
            "number": current.get(w.number, {}).get("number", ""),
            "serving": current.get(w.number, {}).get("status") == TicketStatus.SERVING,
        }
        for w in hall.windows.filter(active=True).order_by("number")
    ]
    calls = [
        {"id": c["id"], "number": c["ticket__number"], "window": c["window__number"]}
        for c in CallEvent.objects.filter(hall=hall, ticket__day=day)
        .order_by("-id")
        .values("id", "ticket__number", "window__number")[:LAST_CALLS]
    ]
    counts = dict(
        Ticket.objects.filter(hall=hall, day=day, status=TicketStatus.WAITING)
        .values("group")
        .annotate(n=Count("id"))
        .values_list("group", "n")
    )
    groups = [
        {
            "prefix": g.prefix,
            "name": g.name,
            "waiting": counts.get(g.pk, 0),
            "minutes": waiting_estimate(group=g, ahead=counts.get(g.pk, 0), day=day),
        }
        for g in hall.groups.order_by("prefix")
    ]
    last_id = CallEvent.objects.filter(hall=hall).order_by("-id").values_list("id", flat=True)
    return {
        "hall": hall.name,
        "windows": windows,
        "calls": calls,
        "groups": groups,
        "waiting": sum(counts.values()),
        "last_call_id": last_id.first() or 0,
    }
