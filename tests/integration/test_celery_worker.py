"""A task leaves through Redis, a real worker process runs it against PostgreSQL."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import sessions_clear_expired

pytestmark = pytest.mark.integration


def test_task_runs_on_real_worker(celery_worker_process):
    Session.objects.create(
        session_key="expired0000000000000000000000001",
        session_data="x",
        expire_date=timezone.now() - dt.timedelta(days=1),
    )
    Session.objects.create(
        session_key="live00000000000000000000000000001",
        session_data="x",
        expire_date=timezone.now() + dt.timedelta(days=1),
    )
    result = sessions_clear_expired.delay()
    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        "live00000000000000000000000000001"
    ]
