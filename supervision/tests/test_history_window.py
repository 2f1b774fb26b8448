"""The demo's six-month history, as the window clerk meets it: a history case still waiting at
the window carries its guide's material list, so the clerk checks each item before 受理 instead
of accepting a case that has nothing to check (walked in the demo, issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import UserFactory
from applications.models import Application
from applications.tests.factories import ServiceFactory
from supervision.demo.history import Cast, History, write_plans

pytestmark = pytest.mark.django_db


def test_history_cases_at_the_window_carry_the_guides_materials():
    service = ServiceFactory()
    clerk = UserFactory(staff=True, roles=[Role.WINDOW_CLERK])
    reviewer = UserFactory(staff=True, roles=[Role.DEPT_REVIEWER])
    cast = Cast(
        services=[service],
        clerks=[clerk],
        reviewers={None: [reviewer], service.department_id: [reviewer]},
        applicants=[UserFactory()],
        supervisor=UserFactory(staff=True, roles=[Role.SUPERVISOR]),
    )
    now = timezone.now()
    history = History(cast=cast, now=now)
    # submitted within the last hours: still waiting at the window
    plans = [history.plan_case(i, now - dt.timedelta(hours=2 + i)) for i in range(1, 4)]
    write_plans(plans, supervisor=cast.supervisor, now=now)
    waiting = Application.objects.filter(status__in=["submitted", "pre_review"])
    assert waiting.exists()
    guide = sorted(service.materials.values_list("code", flat=True))
    for app in waiting:
        assert sorted(app.materials.values_list("code", flat=True)) == guide
        assert not app.materials.filter(check_status="ok").exists()
