"""The deadline clock of a case, counted in the one official calendar (the `workdays` app).

The calendar functions here (is_working_day, add_working_days, working_days_between,
remaining_working_days) delegate to `workdays.selectors`, so every adapter built on them
(policies, hall, participation, supervision) counts in the same calendar. They never raise:
for a year whose schedule is not confirmed they count Monday–Friday *provisionally*. The
`*_reckoned` forms return `Reckoning(value, provisional)` so that a caller can show 待确认;
a case's stored dues carry that flag (`Application.due_provisional`) and are recomputed when
the year is confirmed (`deadlines_recompute_for_year`, registered in ApplicationsConfig.ready).

The clock (recompute_dues, pause_clock, resume_clock, applications_flag_deadlines): the promised
and legal due dates count from submission; 补正 and 特别程序 pause it (docs/domain.md, 法定时限).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.constants import (
    IN_PROGRESS_STATES,
    PAUSED_STATES,
    SUPPLEMENT_NOTICE_DAYS,
    Actor,
    Status,
)
from applications.models import Application, ApplicationEvent, DueFlag
from services_catalog.selectors import service_time_limits
from workdays import selectors as calendar
from workdays.selectors import Reckoning

RECOMPUTE_ACTION = "calendar_recompute"


def is_working_day(day: dt.date) -> bool:
    return calendar.is_working_day_provisional(day=day).value


def add_working_days_reckoned(start: dt.date, days: int) -> Reckoning:
    """The date `days` working days after `start`, and whether an unconfirmed year was counted."""
    return calendar.add_working_days_provisional(start=start, days=days)


def working_days_between_reckoned(start: dt.date, end: dt.date) -> Reckoning:
    """Working days in (start, end] (negative when end < start), and whether it is 待确认."""
    return calendar.working_days_between_provisional(start=start, end=end)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    return add_working_days_reckoned(start, days).value


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    return working_days_between_reckoned(start, end).value


def remaining_working_days(due: dt.date | None, today: dt.date) -> int | None:
    if due is None:
        return None
    return working_days_between(today, due)


def unconfirmed_years_until(day: dt.date | None) -> list[int]:
    """Years from this year up to `day`'s whose schedule is not confirmed (待确认)."""
    if day is None:
        return []
    this_year = local_today().year
    return [y for y in range(this_year, day.year + 1) if not calendar.year_confirmed(year=y)]


# --- The clock of a case --------------------------------------------------------------------


def local_today() -> dt.date:
    return timezone.localdate()


def _dues_of(application: Application) -> list[dt.date]:
    dues = [application.intake_due, application.promised_due, application.legal_due]
    return [d for d in dues if d is not None]


def mark_provisional(application: Application) -> None:
    """Set `due_provisional` from the dues: any of them in or past an unconfirmed year."""
    application.due_provisional = bool(
        unconfirmed_years_until(max(_dues_of(application), default=None))
    )


def set_intake_due(application: Application, *, days: int = SUPPLEMENT_NOTICE_DAYS) -> None:
    """The intake clock (补正告知 within `days` working days) from today."""
    application.intake_due = add_working_days(local_today(), days)
    mark_provisional(application)


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
    mark_provisional(application)


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


# --- When a year's calendar is confirmed -----------------------------------------------------


def _intake_start(due: dt.date, *, year: int) -> dt.date:
    """The day the intake clock started, walking back SUPPLEMENT_NOTICE_DAYS working days as
    they were counted when `year` was still unconfirmed (Monday–Friday in that year)."""
    day, counted = due, 0
    while counted < SUPPLEMENT_NOTICE_DAYS:
        if day.year == year:
            working = day.weekday() < 5
        else:
            working = is_working_day(day)
        if working:
            counted += 1
        day -= dt.timedelta(days=1)
    return day


_DUE_LABELS = {
    "intake_due": gettext_lazy("受理期限"),
    "promised_due": gettext_lazy("承诺办结期限"),
    "legal_due": gettext_lazy("法定办结期限"),
}


def _recompute_one(application: Application, *, year: int) -> list[str]:
    before = {f: getattr(application, f) for f in _DUE_LABELS}
    if application.intake_due is not None and application.intake_due.year >= year:
        application.intake_due = add_working_days(
            _intake_start(application.intake_due, year=year), SUPPLEMENT_NOTICE_DAYS
        )
    recompute_dues(application)
    mark_provisional(application)
    return [
        f"{_DUE_LABELS[f]} {old:%Y-%m-%d} → {getattr(application, f):%Y-%m-%d}"
        for f, old in before.items()
        if old is not None and old != getattr(application, f)
    ]


def deadlines_recompute_for_year(*, year: int, actor) -> int:
    """Recompute the open cases' provisional dues now that `year` is confirmed; each change
    is an event on the case's timeline and a step in the work record. Returns the count."""
    from worklog.services import record_action

    changed = 0
    cases = Application.objects.filter(
        status__in=IN_PROGRESS_STATES, due_provisional=True
    ).select_related("service", "department")
    for application in cases.select_for_update(of=("self",)).iterator(chunk_size=500):
        changes = _recompute_one(application, year=year)
        application.save(
            update_fields=["intake_due", "promised_due", "legal_due", "due_provisional"]
        )
        if not changes:
            continue
        changed += 1
        reason = _("%(year)s 年节假日安排已确认，期限重算：%(changes)s") % {
            "year": year,
            "changes": "；".join(changes),
        }
        ApplicationEvent.objects.create(
            application=application,
            action=RECOMPUTE_ACTION,
            from_status=application.status,
            to_status=application.status,
            actor=actor,
            actor_role=Actor.SYSTEM,
            office=application.department.name if application.department_id else "",
            reason=reason,
        )
        record_action(
            actor=actor,
            action="applications.deadline_recompute",
            label=_("期限按节假日安排重算"),
            target=application,
            reason=reason,
            extra={"year": year},
        )
    return changed
