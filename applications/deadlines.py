"""Working-day arithmetic with the official Chinese calendar (holidays and 调休 working weekends).

chinese_calendar knows the State Council's schedule for the years it ships; outside them we
fall back to Monday–Friday so that a date far in the future never raises.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar


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
