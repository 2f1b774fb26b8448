"""The one place supervision reads working-day arithmetic from.

Today it delegates to applications.deadlines; when the `workdays` app (the official calendar)
lands, switch these three functions to workdays.selectors and nothing else changes.
"""

from __future__ import annotations

import datetime as dt

from applications import deadlines


def is_working_day(*, day: dt.date) -> bool:
    return deadlines.is_working_day(day)


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    return deadlines.add_working_days(start, days)


def working_days_between(*, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    return deadlines.working_days_between(start, end)
