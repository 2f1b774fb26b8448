"""What a case page says about time: the countdown, the clock, dues still 待确认."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone

from applications.constants import (
    IN_PROGRESS_STATES,
    OPEN_INTAKE_STATES,
    Status,
)
from applications.deadlines import unconfirmed_years_until, working_days_between
from applications.models import (
    Application,
)


def application_countdown(*, application: Application, today: dt.date | None = None) -> int | None:
    """Working days left on the relevant clock (intake or promised)."""
    today = today or timezone.localdate()
    due = (
        application.intake_due
        if application.status in OPEN_INTAKE_STATES
        else application.promised_due
    )
    if due is None:
        return None
    return working_days_between(today, due)


@dataclass(frozen=True)
class Clock:
    """What a case page says about time. Before acceptance no promised clock runs: the page
    reads "受理后 N 个工作日内办结" and counts only the 5-day intake period; from acceptance the
    promised date counts (from the acceptance date)."""

    before_acceptance: bool
    promised_days: int
    intake_due: dt.date | None = None
    intake_left: int | None = None
    promised_left: int | None = None
    running: bool = False


def application_clock(*, application: Application, today: dt.date | None = None) -> Clock:
    today = today or timezone.localdate()
    promised_days = application.service.promised_limit_days
    if application.accepted_at is None:
        waiting = application.status in (*OPEN_INTAKE_STATES, Status.SUPPLEMENT)
        due = application.intake_due if waiting else None
        return Clock(
            before_acceptance=True,
            promised_days=promised_days,
            intake_due=due,
            intake_left=working_days_between(today, due)
            if due and application.status in OPEN_INTAKE_STATES
            else None,
        )
    running = application.status in (Status.ACCEPTED, Status.UNDER_REVIEW)
    due = application.promised_due
    return Clock(
        before_acceptance=False,
        promised_days=promised_days,
        promised_left=working_days_between(today, due) if due else None,
        running=running,
    )


def provisional_dues_summary() -> dict | None:
    """Running cases whose dues are 待确认, and the years whose holiday schedule is missing."""
    provisional = Application.objects.filter(status__in=IN_PROGRESS_STATES, due_provisional=True)
    summary = provisional.aggregate(count=Count("pk"), latest=Max("legal_due"))
    if not summary["count"]:
        return None
    years = unconfirmed_years_until(summary["latest"])
    return {"count": summary["count"], "years": "、".join(str(y) for y in years)}
