"""The deadline clock of a case, and the working-day calendar it counts in.

The calendar (is_working_day, add_working_days, working_days_between, remaining_working_days):
chinese_calendar knows the State Council's schedule (holidays and 调休 working weekends) for the
years it ships; outside them we fall back to Monday–Friday so that a date far in the future
never raises.

The clock (recompute_dues, pause_clock, resume_clock, applications_flag_deadlines): the promised
and legal due dates count from submission; 补正 and 特别程序 pause it (docs/domain.md, 法定时限).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
from django.utils import timezone

from applications.constants import IN_PROGRESS_STATES, PAUSED_STATES, Status
from applications.models import Application, DueFlag
from services_catalog.selectors import service_time_limits


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    day = start
    remaining = max(days, 0)
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count


def remaining_working_days(due: dt.date | None, today: dt.date) -> int | None:
    if due is None:
        return None
    return working_days_between(today, due)


# --- The clock of a case --------------------------------------------------------------------


def local_today() -> dt.date:
    return timezone.localdate()


def recompute_dues(application: Application) -> None:
    if application.submitted_at is None:
        return
    if Application.service.is_cached(application):
        promised, legal = (
            application.service.promised_limit_days,
            application.service.legal_limit_days,
        )
    else:  # the guide is large; the clock needs two numbers of it
        promised, legal = service_time_limits(service_id=application.service_id)
    # Before acceptance no clock runs; from acceptance the promised and legal time count (Art. 42).
    base = timezone.localdate(application.accepted_at or application.submitted_at)
    paused = application.paused_working_days
    application.promised_due = add_working_days(base, promised + paused)
    application.legal_due = add_working_days(base, legal + paused)


def pause_clock(application: Application) -> None:
    if application.paused_since is None:
        application.paused_since = local_today()


def resume_clock(application: Application) -> None:
    if application.paused_since is not None:
        application.paused_working_days += max(
            working_days_between(application.paused_since, local_today()), 0
        )
        application.paused_since = None
        recompute_dues(application)


def applications_flag_deadlines(*, today: dt.date | None = None) -> dict[str, int]:
    """Flag running cases due within 1 working day and overdue ones (clock not paused)."""
    today = today or local_today()
    soon = add_working_days(today, 1)
    running = Application.objects.filter(status__in=IN_PROGRESS_STATES).exclude(
        status__in=PAUSED_STATES
    )
    intake = running.filter(status__in=[Status.SUBMITTED, Status.PRE_REVIEW])
    review = running.exclude(status__in=[Status.SUBMITTED, Status.PRE_REVIEW])
    overdue = intake.filter(intake_due__lt=today).update(due_flag=DueFlag.OVERDUE) + review.filter(
        promised_due__lt=today
    ).update(due_flag=DueFlag.OVERDUE)
    due_soon = intake.filter(intake_due__gte=today, intake_due__lte=soon).update(
        due_flag=DueFlag.DUE_SOON
    ) + review.filter(promised_due__gte=today, promised_due__lte=soon).update(
        due_flag=DueFlag.DUE_SOON
    )
    intake.filter(intake_due__gt=soon).exclude(due_flag="").update(due_flag="")
    review.filter(promised_due__gt=soon).exclude(due_flag="").update(due_flag="")
    Application.objects.filter(status__in=PAUSED_STATES).exclude(due_flag="").update(due_flag="")
    Application.objects.exclude(status__in=IN_PROGRESS_STATES).exclude(due_flag="").update(
        due_flag=""
    )
    return {"overdue": overdue, "due_soon": due_soon}
