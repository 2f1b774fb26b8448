"""Halls, groups, rota and a person's appointments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from accounts.models import User
from applications.constants import Status
from applications.models import Application
from applications.selectors import applications_for_applicant
from hall.constants import AppointmentStatus
from hall.models import Appointment, Hall, Ticket, Window, WindowAssignment, WindowGroup
from services_catalog.models import ServiceItem
from services_catalog.selectors import services_live

# Cases an appointment links to: the person is still preparing or waiting for intake.
OPEN_CASE_STATES = (Status.DRAFT, Status.SUBMITTED, Status.PRE_REVIEW, Status.SUPPLEMENT)


def halls_open() -> QuerySet[Hall]:
    return Hall.objects.filter(active=True)


def hall_get(*, slug: str) -> Hall | None:
    return halls_open().filter(slug=slug).first()


def services_bookable() -> QuerySet[ServiceItem]:
    """Live services that support 预约 and are served by some hall's window group."""
    served = WindowGroup.objects.filter(hall__active=True)
    general = served.filter(general=True).exists()
    qs = services_live().filter(appointment=True)
    if not general:
        qs = qs.filter(pk__in=served.values("services"))
    return qs.order_by("name")


def groups_for_service(*, hall: Hall, service: ServiceItem) -> list[WindowGroup]:
    """The hall's groups serving the service: dedicated groups first, then 综合窗口."""
    groups = list(
        hall.groups.filter(Q(services=service) | Q(general=True)).distinct().order_by("general")
    )
    return groups


def halls_for_service(*, service: ServiceItem) -> QuerySet[Hall]:
    return (
        halls_open()
        .filter(Q(groups__services=service) | Q(groups__general=True))
        .distinct()
        .order_by("name")
    )


def staffed_windows(*, group: WindowGroup, day: dt.date) -> QuerySet[Window]:
    return group.windows.filter(active=True, assignments__day=day).distinct()


def window_for_clerk(*, clerk: User, day: dt.date) -> Window | None:
    """The window the clerk is assigned to on the day (one window per person per day)."""
    assignment = (
        WindowAssignment.objects.filter(staff=clerk, day=day, window__active=True)
        .select_related("window", "window__group", "window__hall")
        .first()
    )
    return assignment.window if assignment else None


def appointments_for_user(*, user: User) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(user=user)
        .select_related("hall", "service", "group", "application", "ticket")
        .order_by("-day", "-start")
    )


def appointment_get_for_user(*, user: User, pk: int) -> Appointment | None:
    """The person's own appointment; anyone else's is None (a 404 for the view)."""
    return appointments_for_user(user=user).filter(pk=pk).first()


def booking_suspended_until(*, user: User, hall: Hall, today: dt.date) -> dt.date | None:
    """The no-show rule: ``noshow_limit`` 爽约 within ``noshow_window_days`` suspend booking for
    ``noshow_suspend_days`` from the last one. None when the person may book."""
    if hall.noshow_limit <= 0:
        return None
    since = today - dt.timedelta(days=hall.noshow_window_days)
    days = list(
        Appointment.objects.filter(
            user=user, hall=hall, status=AppointmentStatus.NO_SHOW, day__gte=since
        )
        .order_by("-day")
        .values_list("day", flat=True)[: hall.noshow_limit]
    )
    if len(days) < hall.noshow_limit:
        return None
    until = days[0] + dt.timedelta(days=hall.noshow_suspend_days)
    return until if today < until else None


def open_case_for_service(*, user: User, service: ServiceItem) -> Application | None:
    """The person's draft or submitted case for the service, if any, newest first."""
    return (
        applications_for_applicant(user=user)
        .filter(service=service, status__in=OPEN_CASE_STATES)
        .first()
    )


def services_served(*, hall: Hall) -> QuerySet[ServiceItem]:
    """The services listed on the hall's window groups (what the kiosk offers)."""
    return services_live().filter(pk__in=hall.groups.values("services")).order_by("name")


def ratings_for_clerk(*, clerk: User, limit: int = 10) -> QuerySet:
    """The on-the-spot ratings (一次一评) of the visits this clerk served, newest first."""
    return (
        Ticket.objects.filter(clerk=clerk, rated_at__isnull=False)
        .select_related("application", "evaluation")
        .order_by("-rated_at")[:limit]
    )
