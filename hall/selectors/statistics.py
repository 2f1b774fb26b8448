"""Statistics per hall, window group, service and hour: tickets, waiting time (mean, p90),
service time and no-shows. Read by the staff page and by the supervision dashboards."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from django.utils import timezone

from hall.constants import AppointmentStatus, TicketStatus
from hall.models import Appointment, Hall, Ticket


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _summary(rows: list[dict]) -> dict:
    waits = [r["wait"] for r in rows if r["wait"] is not None]
    services = [r["service"] for r in rows if r["service"] is not None]
    return {
        "tickets": len(rows),
        "wait_mean": _mean(waits),
        "wait_p90": _p90(waits),
        "service_mean": _mean(services),
        "dropped": sum(1 for r in rows if r["status"] == TicketStatus.DROPPED),
    }


def _ticket_rows(hall: Hall, start: dt.date, end: dt.date) -> list[dict]:
    """One row per (ticket, service); ``key`` is the ticket."""
    qs = Ticket.objects.filter(hall=hall, day__gte=start, day__lte=end).values_list(
        "pk",
        "issued_group__name",
        "services__name",
        "issued_at",
        "first_called_at",
        "started_at",
        "finished_at",
        "status",
    )
    rows = []
    for pk, group, service, issued, called, started, finished, status in qs.iterator():
        rows.append(
            {
                "key": pk,
                "group": group,
                "service_name": service or "—",
                "hour": timezone.localtime(issued).hour,
                "wait": (called - issued).total_seconds() / 60 if called else None,
                "service": (finished - started).total_seconds() / 60
                if started and finished
                else None,
                "status": status,
            }
        )
    return rows


def hall_statistics(*, hall: Hall, start: dt.date, end: dt.date) -> dict:
    """Minutes throughout. A ticket with several services counts once per service in
    ``by_service`` and once in the totals and ``by_hour``."""
    rows = _ticket_rows(hall, start, end)
    unique: dict = {}
    for r in rows:
        unique.setdefault(r["key"], r)
    by_service: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_service[r["service_name"]].append(r)
    by_hour: dict[int, list[dict]] = defaultdict(list)
    by_group: dict[str, list[dict]] = defaultdict(list)
    for r in unique.values():
        by_hour[r["hour"]].append(r)
        by_group[r["group"]].append(r)
    no_shows = dict.fromkeys(by_service, 0)
    for name in Appointment.objects.filter(
        hall=hall, day__gte=start, day__lte=end, status=AppointmentStatus.NO_SHOW
    ).values_list("service__name", flat=True):
        no_shows[name] = no_shows.get(name, 0) + 1
    return {
        "start": start,
        "end": end,
        "total": {**_summary(list(unique.values())), "no_shows": sum(no_shows.values())},
        "by_group": {k: _summary(v) for k, v in sorted(by_group.items())},
        "by_service": {
            k: {**_summary(by_service.get(k, [])), "no_shows": no_shows.get(k, 0)}
            for k in sorted(set(by_service) | set(no_shows))
        },
        "by_hour": {h: _summary(v) for h, v in sorted(by_hour.items())},
    }
