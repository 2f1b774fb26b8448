"""A pytest plugin for every app's tests once clocks use the calendar.

Add "workdays.tests.fixtures" to `pytest_plugins` in the root conftest. Each test that uses
the database starts with this process's calendar cache cleared and with the seeded years
present: a transactional test's flush empties the tables the seeding migration filled, and
without them 2026 would be 待确认 for every later test.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _official_calendar(request):
    from workdays.selectors import clear_cache

    clear_cache()
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db or request.node.get_closest_marker("django_db"):
        from workdays.models import CalendarYear
        from workdays.services import calendar_seed_all

        if not CalendarYear.objects.exists():
            calendar_seed_all()
            clear_cache()
    yield
    clear_cache()
