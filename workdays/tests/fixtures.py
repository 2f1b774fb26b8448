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
    names = set(request.fixturenames)
    # Ask for the database the test uses first: autouse fixtures run before the ones a test
    # (or a fixture it uses, such as celery_worker_process) requests.
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    elif request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
    else:
        names = set()
    if names:
        from workdays.models import CalendarYear
        from workdays.services import calendar_seed_all

        if not CalendarYear.objects.exists():
            calendar_seed_all()
            clear_cache()
    yield
    clear_cache()
