"""Working days (工作日) by the official holiday calendar (chinesecalendar).

Years the package has no data for fall back to Monday–Friday, so a question never
stops ageing when the calendar package is out of date.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Full working days after ``start`` up to and including ``end`` (0 on the same day)."""
    if end <= start:
        return 0
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        if is_workday(day):
            count += 1
        day += dt.timedelta(days=1)
    return count
