"""The one place this app reaches the official calendar (holidays and 调休 working weekends).

Today it adapts applications.deadlines; when the ground-floor ``workdays`` app lands, only
this module changes.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from applications.deadlines import add_working_days as _add
from applications.deadlines import is_working_day as _is_working_day
from applications.deadlines import working_days_between as _between

# Office hours used to count a return window (退单时限) in working hours.
OFFICE_START = dt.time(9, 0)
OFFICE_END = dt.time(17, 0)


def is_working_day(*, day: dt.date) -> bool:
    return _is_working_day(day)


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    return _add(start, days)


def working_days_between(*, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    return _between(start, end)


def working_hours_between(*, start: dt.datetime, end: dt.datetime) -> float:
    """Office hours (9:00–17:00 on working days, local time) elapsed from start to end."""
    if end <= start:
        return 0.0
    tz = timezone.get_current_timezone()
    start, end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    total = 0.0
    day = start.date()
    while day <= end.date():
        if _is_working_day(day):
            open_at = dt.datetime.combine(day, OFFICE_START, tzinfo=tz)
            close_at = dt.datetime.combine(day, OFFICE_END, tzinfo=tz)
            lo, hi = max(open_at, start), min(close_at, end)
            if hi > lo:
                total += (hi - lo).total_seconds() / 3600
        day += dt.timedelta(days=1)
    return total
