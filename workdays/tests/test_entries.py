"""A malformed calendar entry is refused with the date named; confirming a year reruns the
clocks that depend on it; nothing is ever guessed in between."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from workdays import hooks, services
from workdays.constants import DayKind
from workdays.errors import CalendarUnconfirmed, SeedUnavailable
from workdays.models import CalendarDay, CalendarYear
from workdays.selectors import add_working_days, is_working_day
from workdays.tests.factories import CalendarDayFactory, CalendarYearFactory
from worklog.models import WorkRecord
from worklog.tests.factories import staff_member

pytestmark = pytest.mark.django_db
D = dt.date


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_date_entered_twice_is_refused_naming_the_date():
    services.calendar_day_add(day=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    with pytest.raises(ValidationError) as raised:
        services.calendar_day_add(day=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    assert "2027-01-01 已在日历中" in _messages(raised.value)
    assert CalendarDay.objects.filter(date=D(2027, 1, 1)).count() == 1


def test_an_adjusted_working_day_on_a_weekday_is_refused_naming_the_date():
    with pytest.raises(ValidationError) as raised:
        services.calendar_day_add(day=D(2027, 2, 3), kind=DayKind.WORKDAY, name="春节")  # Wed
    assert "2027-02-03 是工作日" in _messages(raised.value)
    assert not CalendarDay.objects.filter(date=D(2027, 2, 3)).exists()
    # On a Saturday it is accepted, and a holiday may fall on any day of the week.
    services.calendar_day_add(day=D(2027, 2, 6), kind=DayKind.WORKDAY, name="春节")
    services.calendar_day_add(day=D(2027, 2, 7), kind=DayKind.HOLIDAY, name="春节")  # Sunday
    services.calendar_day_add(day=D(2027, 2, 8), kind=DayKind.HOLIDAY, name="春节")  # Monday


def test_the_model_check_names_the_date_too():
    calendar = CalendarYearFactory(year=2027)
    entry = CalendarDay(calendar=calendar, date=D(2027, 2, 3), kind=DayKind.WORKDAY)
    with pytest.raises(ValidationError, match="2027-02-03"):
        entry.full_clean()
    CalendarDayFactory(calendar=calendar, date=D(2027, 1, 1))
    twice = CalendarDay(calendar=calendar, date=D(2027, 1, 1), kind=DayKind.HOLIDAY)
    with pytest.raises(ValidationError, match="2027-01-01 已在日历中"):
        twice.full_clean()
    elsewhere = CalendarDay(calendar=calendar, date=D(2028, 1, 1), kind=DayKind.HOLIDAY)
    with pytest.raises(ValidationError, match="2028-01-01 不属于 2027 年"):
        elsewhere.full_clean()


def test_a_whole_years_entries_are_checked_together():
    problems = services.calendar_days_check(
        year=2027,
        entries=[
            (D(2027, 1, 1), DayKind.HOLIDAY),
            (D(2027, 1, 1), DayKind.HOLIDAY),
            (D(2027, 1, 5), DayKind.WORKDAY),
        ],
    )
    assert any("2027-01-01 重复" in p for p in problems)
    assert any("2027-01-05 是工作日" in p for p in problems)


def test_confirming_a_year_runs_the_callbacks_with_the_confirmed_calendar():
    seen = []

    def recompute(*, year, actor):
        seen.append((year, actor, add_working_days(start=D(2026, 12, 31), days=1)))

    admin = staff_member(roles=[])
    services.calendar_day_add(day=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    hooks.on_year_confirmed(recompute)
    hooks.on_year_confirmed(recompute)  # registered once
    try:
        services.calendar_confirm_year(year=2027, actor=admin)
    finally:
        hooks.unregister(recompute)
    assert seen == [(2027, admin, D(2027, 1, 4))]  # 1 January is 元旦: Monday the 4th
    calendar = CalendarYear.objects.get(year=2027)
    assert (calendar.confirmed, calendar.confirmed_by) == (True, admin)
    record = WorkRecord.objects.get(action="workdays.confirm")
    assert (record.actor, record.to_state, record.target_label) == (admin, "confirmed", "2027 年")


def test_a_failing_callback_rolls_the_confirmation_back():
    def broken(*, year, actor):
        raise RuntimeError("recompute failed")

    CalendarYearFactory(year=2027)
    hooks.on_year_confirmed(broken)
    try:
        with pytest.raises(RuntimeError):
            services.calendar_confirm_year(year=2027, actor=None)
    finally:
        hooks.unregister(broken)
    assert not CalendarYear.objects.get(year=2027).confirmed
    with pytest.raises(CalendarUnconfirmed):
        is_working_day(day=D(2027, 1, 4))


def test_changing_a_confirmed_year_sets_it_back_to_unconfirmed():
    assert is_working_day(day=D(2026, 3, 2))
    services.calendar_day_add(day=D(2026, 3, 2), kind=DayKind.HOLIDAY, name="测试")
    assert not CalendarYear.objects.get(year=2026).confirmed
    with pytest.raises(CalendarUnconfirmed):
        is_working_day(day=D(2026, 3, 2))
    services.calendar_confirm_year(year=2026, actor=None)
    assert is_working_day(day=D(2026, 3, 2)) is False
    entry = CalendarDay.objects.get(date=D(2026, 3, 2))
    services.calendar_day_remove(entry=entry, actor=None)
    assert not CalendarYear.objects.get(year=2026).confirmed
    assert WorkRecord.objects.filter(action="workdays.unconfirm").count() == 2


def test_seeding_a_year_the_package_does_not_know_is_refused():
    with pytest.raises(SeedUnavailable, match="2027"):
        services.calendar_seed_year(year=2027)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_seeding_is_idempotent_and_keeps_what_people_entered():
    CalendarYear.objects.filter(year=2025).delete()
    assert services.calendar_seed_all() == [2025]
    assert services.calendar_seed_all() == []
    assert is_working_day(day=D(2025, 10, 11)) is True  # Saturday, 调休上班
    reseeded = services.calendar_seed_year(year=2025)
    assert (
        reseeded.confirmed
        and reseeded.days.count() == CalendarDay.objects.filter(date__year=2025).count()
    )


def test_a_year_out_of_range_is_refused():
    with pytest.raises(ValidationError, match="20277"):
        services.calendar_year_get_or_create(year=20277)
