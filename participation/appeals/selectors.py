"""Reads on appeals, each scoped to who is asking (other people's appeals are simply not found)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate

from accounts.identity import mask_phone
from participation.appeals.constants import (
    DEPARTMENT_STATES,
    OPEN_STATES,
    PERM_HANDLE,
    PERM_HOTLINE,
    Satisfaction,
    State,
)
from participation.appeals.duplicates import duplicate_candidates  # noqa: F401
from participation.appeals.models import Appeal, AppealCategory, AppealEvent
from participation.appeals.text import normalize_number, normalize_phone

_LIST_FIELDS = ("category", "department")


def categories() -> QuerySet[AppealCategory]:
    return AppealCategory.objects.all()


def appeals_for_reporter(*, user) -> QuerySet[Appeal]:
    if not user.is_authenticated:
        return Appeal.objects.none()
    return Appeal.objects.filter(reporter=user).select_related(*_LIST_FIELDS)


def appeal_for_reporter(*, user, number: str) -> Appeal | None:
    return appeals_for_reporter(user=user).filter(number=normalize_number(number)).first()


def appeal_lookup(*, number: str, phone: str) -> Appeal | None:
    """By number + the phone given at intake; None (→ 404) for a wrong pair or bad input."""
    try:
        phone = normalize_phone(phone)
    except Exception:
        return None
    return (
        Appeal.objects.select_related(*_LIST_FIELDS)
        .filter(number=normalize_number(number), reporter_phone=phone)
        .first()
    )


def is_centre(*, user) -> bool:
    return user.is_authenticated and user.has_perm(PERM_HOTLINE)


def appeals_for_department(*, user, state: str = "") -> QuerySet[Appeal]:
    """The department's queue: only appeals dispatched to the user's own department."""
    if not (user.is_authenticated and user.has_perm(PERM_HANDLE) and user.department_id):
        return Appeal.objects.none()
    qs = Appeal.objects.filter(department_id=user.department_id).select_related(*_LIST_FIELDS)
    if state == "open":
        qs = qs.filter(state__in=[*DEPARTMENT_STATES, State.RETURN_REQUESTED])
    elif state in State.values:
        qs = qs.filter(state=state)
    return qs


def appeal_for_department(*, user, number: str) -> Appeal | None:
    return appeals_for_department(user=user).filter(number=normalize_number(number)).first()


CENTRE_QUEUES = {
    "intake": Q(state=State.ACCEPTED),
    "returns": Q(state=State.RETURN_REQUESTED),
    "callback": Q(state=State.ANSWERED),
    "unsatisfied": Q(state=State.CALLED_BACK, satisfaction=Satisfaction.UNSATISFIED),
    "overdue": Q(due_flag="overdue"),
}


def appeals_for_centre(*, user, queue: str = "intake") -> QuerySet[Appeal]:
    if not is_centre(user=user):
        return Appeal.objects.none()
    condition = CENTRE_QUEUES.get(queue, CENTRE_QUEUES["intake"])
    return Appeal.objects.filter(condition).select_related(*_LIST_FIELDS)


def appeal_for_centre(*, user, number: str) -> Appeal | None:
    if not is_centre(user=user):
        return None
    return (
        Appeal.objects.select_related(*_LIST_FIELDS).filter(number=normalize_number(number)).first()
    )


QUEUE_COUNT_CAP = 999


def centre_queue_counts(*, user) -> dict[str, int]:
    """Each queue's size, counted up to QUEUE_COUNT_CAP + 1 (shown as "999+"): the tabs need
    no exact figure beyond that, and a capped count stays cheap however long a queue grows."""
    return {
        name: appeals_for_centre(user=user, queue=name).order_by()[: QUEUE_COUNT_CAP + 1].count()
        for name in CENTRE_QUEUES
    }


def timeline(*, appeal: Appeal, public_only: bool = True) -> list[AppealEvent]:
    """The appeal's steps; for a merged appeal, the primary's public steps follow its own."""
    ids = [appeal.pk]
    if appeal.merged_into_id:
        ids.append(appeal.merged_into_id)
    qs = AppealEvent.objects.filter(appeal_id__in=ids).select_related("department", "appeal")
    if public_only:
        qs = qs.filter(public=True)
    return list(qs.order_by("created_at", "pk"))


@dataclass
class ReporterView:
    name: str
    phone: str
    email: str
    masked: bool
    protected: bool


def _mask_name(name: str) -> str:
    return f"{name[0]}{'*' * max(len(name) - 1, 1)}" if name else ""


def reporter_for_department(*, appeal: Appeal, unmasked: bool = False) -> ReporterView:
    """What a department sees of the reporter: masked by default; nothing at all for a 举报."""
    if appeal.is_report:
        return ReporterView(name="", phone="", email="", masked=True, protected=True)
    if unmasked:
        return ReporterView(
            name=appeal.reporter_name,
            phone=appeal.reporter_phone,
            email=appeal.reporter_email,
            masked=False,
            protected=False,
        )
    return ReporterView(
        name=_mask_name(appeal.reporter_name),
        phone=mask_phone(appeal.reporter_phone),
        email="",
        masked=True,
        protected=False,
    )


def published_answers(*, limit: int = 50) -> QuerySet[Appeal]:
    """Answers published with the reporter's consent (the public page shows no personal data)."""
    return (
        Appeal.objects.filter(answer_published=True, publish_consent=True, state=State.CLOSED)
        .select_related("category", "department")
        .only(
            "number",
            "appeal_type",
            "subject",
            "answer",
            "closed_at",
            "region_code",
            "category__name",
            "department__name",
        )
        .order_by("-closed_at")[:limit]
    )


STAT_COUNTERS = ("volume", "answered", "on_time", "rated", "satisfied", "returns", "overdue")


def _stat_counts() -> dict:
    """The counters of department_stats, one aggregate each (shared with the per-day rows that
    supervision's rollup keeps, so both count the same way)."""
    return {
        "volume": Count("pk"),
        "answered": Count("pk", filter=Q(answered_at__isnull=False)),
        "on_time": Count(
            "pk", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("due_date"))
        ),
        "rated": Count("pk", filter=~Q(satisfaction="")),
        "satisfied": Count(
            "pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])
        ),
        "returns": Count("pk", filter=Q(returns_count__gt=0)),
        "overdue": Count("pk", filter=Q(due_flag="overdue")),
    }


def stat_rates(row: dict) -> dict:
    """Add the two ratios department_stats publishes to a row of counters."""
    row["on_time_rate"] = row["on_time"] / row["answered"] if row["answered"] else None
    row["satisfaction_rate"] = row["satisfied"] / row["rated"] if row["rated"] else None
    return row


def department_stats(*, since=None, until=None, department_id: int | None = None) -> list[dict]:
    """Per department: volume, answered on time, satisfaction and returns, for the appeals
    received in [since, until), optionally one department's only.

    An aggregate over the raw appeals: supervision's dashboard reads its daily rollup
    (`supervision.appeals.appeal_department_stats`) and calls this only for today and for days
    not rolled up yet; this stays the reference the rollup is tested against."""
    qs = Appeal.objects.filter(department__isnull=False)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    rows = (
        qs.values("department_id", "department__name")
        .annotate(**_stat_counts())
        .order_by("-volume")
    )
    return [stat_rates(row) for row in rows]


def appeal_counts_by_day(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """The counters of department_stats per day received (local date), department and type,
    for the appeals received in [since, until): the rows of supervision's daily rollup."""
    return list(
        Appeal.objects.filter(department__isnull=False, created_at__gte=since, created_at__lt=until)
        .annotate(day=TruncDate("created_at"))
        .values("day", "department_id", "appeal_type")
        .annotate(**_stat_counts())
        .order_by()
    )


def appeal_days_unsettled(*, changed_since: dt.datetime) -> list[dt.date]:
    """Days (received, local date) whose counters may have changed since `changed_since` or may
    still change: the days of open appeals (their deadline flag moves without a step) and of
    appeals that took a step since then (answered, called back, closed, merged...). Closed
    and merged appeals change only through a step, so older days are settled."""
    day = TruncDate("created_at")
    open_days = (
        Appeal.objects.filter(state__in=OPEN_STATES)
        .annotate(day=day)
        .values_list("day", flat=True)
        .distinct()
        .order_by()
    )
    stepped = AppealEvent.objects.filter(created_at__gte=changed_since).values("appeal_id")
    changed_days = (
        Appeal.objects.filter(pk__in=stepped)
        .annotate(day=day)
        .values_list("day", flat=True)
        .distinct()
        .order_by()
    )
    return sorted(set(open_days) | set(changed_days))
