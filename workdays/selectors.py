"""Working-day arithmetic over the official calendar: the hot path of every clock.

Each year is read once per process and kept (`_YEARS`); a change through the services clears
this process's copy at once and bumps a version in the shared cache, which other processes
check at most every `WORKDAYS_CACHE_CHECK_SECONDS` (default 5 s).

A computation that touches a year whose schedule is not confirmed raises
`CalendarUnconfirmed(year)`: never a silent Monday–Friday guess. For display only, the
`*_provisional` variants return `Reckoning(value, provisional=True)` computed with
Monday–Friday for such years, to be shown as 待确认.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from workdays.constants import DayKind
from workdays.errors import CalendarUnconfirmed
from workdays.models import CalendarDay, CalendarYear

VERSION_KEY = "workdays:calendar-version"
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class _Year:
    confirmed: bool
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


_YEARS: dict[int, _Year] = {}
_STATE = {"version": None, "checked": 0.0}
_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget this process's copy (the services call this on every change)."""
    with _LOCK:
        _YEARS.clear()
        _STATE["checked"] = 0.0


def _fresh() -> None:
    period = getattr(settings, "WORKDAYS_CACHE_CHECK_SECONDS", 5)
    now = time.monotonic()
    if now - _STATE["checked"] < period:
        return
    version = cache.get(VERSION_KEY)
    with _LOCK:
        if version != _STATE["version"]:
            _YEARS.clear()
            _STATE["version"] = version
        _STATE["checked"] = now


def _year(year: int) -> _Year:
    _fresh()
    known = _YEARS.get(year)
    if known is None:
        calendar = CalendarYear.objects.filter(year=year).values("id", "confirmed").first()
        days = (
            CalendarDay.objects.filter(calendar_id=calendar["id"]).values_list("date", "kind")
            if calendar
            else []
        )
        known = _Year(
            confirmed=bool(calendar and calendar["confirmed"]),
            holidays=frozenset(d for d, kind in days if kind == DayKind.HOLIDAY),
            workdays=frozenset(d for d, kind in days if kind == DayKind.WORKDAY),
        )
        with _LOCK:
            _YEARS[year] = known
    return known


def _working(day: dt.date, *, guess: bool, touched: set[int] | None = None) -> bool:
    known = _year(day.year)
    if not known.confirmed:
        if not guess:
            raise CalendarUnconfirmed(day.year)
        if touched is not None:
            touched.add(day.year)
        return day.weekday() < 5
    if day in known.workdays:
        return True
    if day in known.holidays:
        return False
    return day.weekday() < 5


def is_working_day(*, day: dt.date) -> bool:
    """Whether `day` is a working day; raises CalendarUnconfirmed for an unconfirmed year."""
    return _working(day, guess=False)


def _add(start: dt.date, days: int, guess: bool, touched: set[int] | None) -> dt.date:
    day, remaining = start, max(days, 0)
    while remaining:
        day += _ONE_DAY
        if _working(day, guess=guess, touched=touched):
            remaining -= 1
    return day


def _between(start: dt.date, end: dt.date, guess: bool, touched: set[int] | None) -> int:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        if _working(day, guess=guess, touched=touched):
            count += 1
    return sign * count


def add_working_days(*, start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself does not count; a
    negative count is 0). Raises CalendarUnconfirmed if it passes an unconfirmed year."""
    return _add(start, days, False, None)


def working_days_between(*, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start. Raises
    CalendarUnconfirmed if the range touches an unconfirmed year."""
    return _between(start, end, False, None)


class Reckoning(NamedTuple):
    """A value for display, and whether an unconfirmed year was counted Monday–Friday."""

    value: object
    provisional: bool


def add_working_days_provisional(*, start: dt.date, days: int) -> Reckoning:
    """`add_working_days` for display: never raises; provisional=True means 待确认."""
    touched: set[int] = set()
    return Reckoning(_add(start, days, True, touched), bool(touched))


def working_days_between_provisional(*, start: dt.date, end: dt.date) -> Reckoning:
    """`working_days_between` for display: never raises; provisional=True means 待确认."""
    touched: set[int] = set()
    return Reckoning(_between(start, end, True, touched), bool(touched))


def is_working_day_provisional(*, day: dt.date) -> Reckoning:
    touched: set[int] = set()
    return Reckoning(_working(day, guess=True, touched=touched), bool(touched))


def year_confirmed(*, year: int) -> bool:
    return _year(year).confirmed


def unconfirmed_years(*, between: tuple[int, int] | None = None) -> list[int]:
    """Years in `between` (inclusive; default this year and next) without a confirmed
    schedule, plus any year entered but not yet confirmed."""
    today = timezone.localdate()
    first, last = between or (today.year, today.year + 1)
    if last < first:
        first, last = last, first
    confirmed = set(
        CalendarYear.objects.filter(confirmed=True, year__range=(first, last)).values_list(
            "year", flat=True
        )
    )
    pending = set(CalendarYear.objects.filter(confirmed=False).values_list("year", flat=True))
    if between is not None:
        pending = {y for y in pending if first <= y <= last}
    return sorted({y for y in range(first, last + 1) if y not in confirmed} | pending)
