"""PostgreSQL + Redis + a real Celery worker + the real simulator processes."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from data_exchange import selectors, services
from data_exchange.exchange_log import log_verify
from data_exchange.models import EvidenceItem, ExchangeLogEntry, OutboxMessage
from data_exchange.tests.factories import zhang_wei
from tests.fixtures.common import exchange_retries, require, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PURPOSE = "办理失业登记（RSJ-20-0001），核验申请材料"
TYPES = ["gongan.household_register", "rsj.social_insurance"]


@pytest.fixture
def fast_retries(monkeypatch, settings):
    """Worker and test process: no Celery retries, no breaker cool-down (set before the worker)."""
    exchange_retries(monkeypatch, settings, retries=0)


def _request(user, ref, types=TYPES):
    with transaction.atomic():
        services.evidence_request(
            actor=user,
            subject=user,
            service_code="RSJ-20-0001",
            evidence_types=list(types),
            purpose=PURPOSE,
            reference=ref,
        )


def test_log_is_append_only_on_postgresql(simulator, exchange_config):
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    user = zhang_wei()
    services.real_name_verify(actor=user)
    entry = ExchangeLogEntry.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ExchangeLogEntry.objects.filter(pk=entry.pk).update(purpose="changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ExchangeLogEntry.objects.filter(pk=entry.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE data_exchange_exchangelogentry SET detail = 'x'")
    assert log_verify().ok


def test_pulls_run_on_the_real_worker(
    fast_retries, simulator, exchange_config, celery_worker_process
):
    user = zhang_wei()
    _request(user, "application:worker")
    wait_for(
        lambda: (
            EvidenceItem.objects.filter(reference="application:worker", status="verified").count()
            == 2
        )
    )
    previews = selectors.evidence_previews(user=user, reference="application:worker")
    assert {p.department_name for p in previews} == {"市公安局", "市人力资源和社会保障局"}
    assert log_verify().ok


def test_redis_unavailable_while_citizen_submits(
    fast_retries, simulator, exchange_config, celery_worker_process
):
    from config.celery import app

    user = zhang_wei()
    good_url = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app._pool = None
    app.amqp._producer_pool = None
    try:
        _request(user, "application:redis-down")
        services.evidence_reference_submitted(reference="application:redis-down")
    finally:
        app.conf.broker_url = good_url
        app._pool = None
        app.amqp._producer_pool = None
    rows = OutboxMessage.objects.filter(item__reference="application:redis-down")
    assert rows.count() == 2
    assert all(row.dispatched_at is None and row.completed_at is None for row in rows)
    # Redis is back: the beat job's re-dispatch completes them on the worker.
    assert services.outbox_redispatch() == 2
    wait_for(
        lambda: (
            EvidenceItem.objects.filter(
                reference="application:redis-down", status="verified"
            ).count()
            == 2
        )
    )


def test_department_down_during_200_submissions_with_worker(
    fast_retries, simulator, exchange_config, celery_worker_process
):
    user = zhang_wei()
    simulator.control("gongan", "down")
    refs = [f"application:w-{n}" for n in range(200)]
    for ref in refs:
        _request(user, ref, types=["gongan.household_register"])
        services.evidence_reference_submitted(reference=ref)
    assert EvidenceItem.objects.filter(reference__in=refs).count() == 200
    wait_for(
        lambda: (
            OutboxMessage.objects.filter(
                dispatched_at__isnull=True, completed_at__isnull=True
            ).count()
            == 200
        ),
        timeout=120,
    )
    assert EvidenceItem.objects.filter(reference__in=refs, status="pending").count() == 200
    simulator.control("gongan", "normal")
    services.breaker_reset("gongan")
    services.outbox_redispatch()
    wait_for(
        lambda: EvidenceItem.objects.filter(reference__in=refs, status="verified").count() == 200,
        timeout=180,
    )
    assert OutboxMessage.objects.filter(completed_at__isnull=True).count() == 0
    assert log_verify().ok
