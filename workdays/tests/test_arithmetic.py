"""Every clock counts working days from the official calendar, and never guesses a year."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from workdays import selectors
from workdays.errors import CalendarUnconfirmed
from workdays.models import CalendarYear
from workdays.seed import package_years
from workdays.selectors import (
    add_working_days,
    add_working_days_provisional,
    is_working_day,
    working_days_between,
    working_days_between_provisional,
)
from workdays.tests.factories import CalendarYearFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_year_the_package_knows_is_seeded_and_confirmed():
    years = package_years()
    assert years[0] == 2004 and years[-1] >= 2026
    seeded = CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True)
    assert set(years) <= set(seeded)
    assert CalendarYear.objects.get(year=2026).source.startswith(
        "国务院办公厅通知 / chinesecalendar"
    )


def test_holidays_and_adjusted_working_days_of_2026():
    assert is_working_day(day=D(2026, 2, 14)) is True  # Saturday, 调休上班 for 春节
    assert is_working_day(day=D(2026, 2, 17)) is False  # Tuesday, 春节
    assert is_working_day(day=D(2026, 10, 1)) is False  # Thursday, 国庆节
    assert is_working_day(day=D(2026, 3, 2)) is True  # an ordinary Monday
    assert is_working_day(day=D(2026, 3, 7)) is False  # an ordinary Saturday


def test_the_arithmetic_agrees_with_the_official_schedule_across_a_year():
    start = D(2025, 12, 20)
    expected, day, n = {}, start, 0
    while day < D(2026, 12, 31):
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n += 1
            expected.setdefault(n, day)
    for days in (1, 5, 20, 37, 100, 200):
        assert add_working_days(start=start, days=days) == expected[days]
        assert working_days_between(start=start, end=expected[days]) == days
        assert working_days_between(start=expected[days], end=start) == -days
    assert add_working_days(start=start, days=0) == start
    assert add_working_days(start=start, days=-3) == start


def test_a_year_without_a_calendar_is_never_guessed():
    with pytest.raises(CalendarUnconfirmed) as raised:
        is_working_day(day=D(2027, 1, 4))
    assert raised.value.year == 2027
    assert "2027 年的节假日安排尚未确认" in str(raised.value)
    with pytest.raises(CalendarUnconfirmed):
        add_working_days(start=D(2026, 12, 28), days=5)  # runs into 2027
    with pytest.raises(CalendarUnconfirmed):
        working_days_between(start=D(2026, 12, 1), end=D(2027, 1, 8))
    # Inside the known year nothing is raised, even right up to its end.
    assert add_working_days(start=D(2026, 12, 28), days=3) == D(2026, 12, 31)


def test_an_entered_but_unconfirmed_year_is_never_guessed_either():
    CalendarYearFactory(year=2027, confirmed=False)
    with pytest.raises(CalendarUnconfirmed):
        is_working_day(day=D(2027, 3, 1))


def test_the_display_variant_marks_a_guess_as_provisional():
    due, provisional = add_working_days_provisional(start=D(2026, 12, 28), days=5)
    assert (due, provisional) == (D(2027, 1, 4), True)  # Monday–Friday, shown as 待确认
    assert add_working_days_provisional(start=D(2026, 3, 2), days=5) == (D(2026, 3, 9), False)
    assert working_days_between_provisional(start=D(2026, 12, 30), end=D(2027, 1, 5)).provisional
    assert selectors.is_working_day_provisional(day=D(2026, 3, 2)) == (True, False)


def test_unconfirmed_years_are_named():
    assert selectors.unconfirmed_years(between=(2025, 2028)) == [2027, 2028]
    CalendarYearFactory(year=2030, confirmed=False)
    assert selectors.unconfirmed_years(between=(2028, 2025)) == [2027, 2028]
    assert 2030 in selectors.unconfirmed_years()
    assert selectors.unconfirmed_years(between=(2010, 2020)) == []
