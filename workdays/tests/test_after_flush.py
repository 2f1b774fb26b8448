"""After a transactional test flushes the tables, the seeded calendar is back for the next."""

from __future__ import annotations

import datetime as dt

import pytest

from workdays.models import CalendarYear
from workdays.selectors import is_working_day


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_seeded_calendar():
    assert CalendarYear.objects.filter(year=2026, confirmed=True).exists()
    assert is_working_day(day=dt.date(2026, 2, 14)) is True


@pytest.mark.django_db(transaction=True)
def test_and_so_does_the_next_after_the_flush():
    assert is_working_day(day=dt.date(2026, 10, 1)) is False
