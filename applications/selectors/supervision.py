"""Reads for supervision (效能监督, floor 4).

Aggregates and case lists over every department; callers check PERM_SUPERVISION or the
department-head scope themselves (supervision.permissions).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from accounts.models import User
from applications.constants import (
    IN_PROGRESS_STATES,
    OPEN_INTAKE_STATES,
    Satisfaction,
    Status,
    TicketStatus,
)
from applications.models import (
    Application,
    DueFlag,
    Evaluation,
    TicketEvent,
)

_SUPERVISION_STEPS = ("submit", "accept", "suspend", "request_supplement")
_DECISIONS = ("approve", "refuse")
_STAFF_ROLES = ("clerk", "reviewer")


def case_step_counts_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Recorded steps in [since, until) counted per (local day, action, department, service,
    actor): submissions (收件), acceptances (受理), 特别程序 started and 补正 requested."""
    from django.db.models.functions import TruncDate

    from applications.models import ApplicationEvent

    return list(
        ApplicationEvent.objects.filter(
            created_at__gte=since, created_at__lt=until, action__in=_SUPERVISION_STEPS
        )
        .values(
            "action",
            "actor_id",
            "actor_role",
            day=TruncDate("created_at"),
            department_id=F("application__department_id"),
            service_id=F("application__service_id"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def case_deciders(*, application_ids: list[int]) -> dict[int, int]:
    """The reviewer who made each case's decision (准予/不予许可), by case id."""
    from applications.models import ApplicationEvent

    found: dict[int, int] = {}
    for start in range(0, len(application_ids), 500):
        chunk = application_ids[start : start + 500]
        for app_id, actor_id in (
            ApplicationEvent.objects.filter(application_id__in=chunk, action__in=_DECISIONS)
            .order_by("created_at", "pk")
            .values_list("application_id", "actor_id")
        ):
            found[app_id] = actor_id
    return found


def cases_finished_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Cases 办结 in [since, until) with what the on-time and handling-time figures need."""
    return list(
        Application.objects.filter(completed_at__gte=since, completed_at__lt=until).values(
            "pk",
            "department_id",
            "service_id",
            "submitted_at",
            "completed_at",
            "promised_due",
            "legal_due",
        )
    )


def evaluations_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Counted ratings (申诉成立 ones excluded) given in [since, until)."""
    return list(
        Evaluation.objects.filter(
            created_at__gte=since, created_at__lt=until, excluded=False
        ).values("application_id", "department_id", "service_id", "level", "created_at")
    )


def tickets_resolved_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """差评 whose rectification 效能监督 confirmed in [since, until)."""
    return list(
        TicketEvent.objects.filter(
            created_at__gte=since, created_at__lt=until, to_status=TicketStatus.RESOLVED
        ).values(
            "created_at",
            application_id=F("ticket__evaluation__application_id"),
            department_id=F("ticket__department_id"),
            service_id=F("ticket__evaluation__service_id"),
        )
    )


def running_case_counts(*, department_id: int | None = None) -> list[dict]:
    """Cases in progress per department: total, overdue and due soon (flags of the beat task)."""
    qs = Application.objects.filter(status__in=IN_PROGRESS_STATES)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return list(
        qs.values("department_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_flag=DueFlag.OVERDUE)),
            due_soon=Count("pk", filter=Q(due_flag=DueFlag.DUE_SOON)),
        )
        .order_by("department_id")
    )


def cases_running_for_warnings() -> QuerySet:
    """Running cases whose clock is not paused, with the limits a warning is computed from."""
    from applications.constants import PAUSED_STATES

    return (
        Application.objects.filter(status__in=IN_PROGRESS_STATES)
        .exclude(status__in=PAUSED_STATES)
        .values(
            "pk",
            "status",
            "department_id",
            "intake_due",
            "promised_due",
            "legal_due",
            promised_days=F("service__promised_limit_days"),
        )
        .order_by("pk")
    )


def cases_for_supervision(
    *,
    metric: str,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    department_id: int | None = None,
    service_id: int | None = None,
    staff_id: int | None = None,
) -> QuerySet[Application]:
    """The cases behind one dashboard number (metric names as supervision.constants.Metric).

    Period metrics use the same timestamps as the rollups (the step's event, 办结, the rating);
    current metrics (overdue, due soon) ignore the period.
    """
    from applications.models import ApplicationEvent

    qs = Application.objects.exclude(status=Status.DRAFT)
    span = {}
    if since is not None and until is not None:
        span = {"gte": since, "lt": until}
    step_action = {"received": "submit", "accepted": "accept"}.get(metric)
    if step_action:
        events = ApplicationEvent.objects.filter(action=step_action)
        if span:
            events = events.filter(created_at__gte=since, created_at__lt=until)
        if staff_id is not None:
            events = events.filter(actor_id=staff_id)
        qs = qs.filter(pk__in=events.values("application_id"))
    elif metric in ("finished", "late", "late_legal"):
        if span:
            qs = qs.filter(completed_at__gte=since, completed_at__lt=until)
        else:
            qs = qs.filter(completed_at__isnull=False)
        if metric == "late":
            qs = qs.filter(completed_at__date__gt=F("promised_due"))
        elif metric == "late_legal":
            qs = qs.filter(completed_at__date__gt=F("legal_due"))
    elif metric == "bad":
        evaluations = Evaluation.objects.filter(
            excluded=False, level__gte=Satisfaction.DISSATISFIED
        )
        if span:
            evaluations = evaluations.filter(created_at__gte=since, created_at__lt=until)
        qs = qs.filter(pk__in=evaluations.values("application_id"))
    elif metric in ("overdue", "due_soon"):
        qs = qs.filter(status__in=IN_PROGRESS_STATES, due_flag=metric)
    else:
        return Application.objects.none()
    if staff_id is not None and not step_action:
        qs = qs.filter(
            pk__in=ApplicationEvent.objects.filter(action__in=_DECISIONS, actor_id=staff_id).values(
                "application_id"
            )
        )
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    return qs.select_related("department").order_by("-submitted_at", "-pk")


def case_get_for_supervision(*, pk: int) -> Application | None:
    return (
        Application.objects.exclude(status=Status.DRAFT)
        .select_related("service", "department")
        .filter(pk=pk)
        .first()
    )


def case_holders(*, applications: list[Application]) -> dict[int, User | None]:
    """Who holds each running case now: the staff member of its current stage who last acted
    on it (the clerk at the window, the reviewer in review); None while nobody has taken it."""
    from applications.models import ApplicationEvent

    ids = [app.pk for app in applications]
    latest: dict[tuple[int, str], int] = {}
    for app_id, role, actor_id in (
        ApplicationEvent.objects.filter(
            application_id__in=ids, actor_role__in=_STAFF_ROLES, actor__isnull=False
        )
        .order_by("created_at", "pk")
        .values_list("application_id", "actor_role", "actor_id")
    ):
        latest[(app_id, role)] = actor_id
    users = User.objects.in_bulk({v for v in latest.values()})
    holders: dict[int, User | None] = {}
    for app in applications:
        role = "clerk" if app.status in (*OPEN_INTAKE_STATES, Status.SUPPLEMENT) else "reviewer"
        actor_id = latest.get((app.pk, role))
        holders[app.pk] = users.get(actor_id) if actor_id else None
    return holders


def case_events_by_case(*, application_ids: list[int]) -> dict[int, list]:
    """Every recorded transition of each case, oldest first, with who did it."""
    from applications.models import ApplicationEvent

    found: dict[int, list] = {app_id: [] for app_id in application_ids}
    for event in (
        ApplicationEvent.objects.filter(application_id__in=application_ids)
        .select_related("actor")
        .order_by("created_at", "pk")
    ):
        found[event.application_id].append(event)
    return found
