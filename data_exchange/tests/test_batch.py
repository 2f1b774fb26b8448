"""The batch pull: one task per reference, departments called concurrently (issue 4, bench)."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from data_exchange import services, tasks
from data_exchange.exchange_log import GENESIS, log_append, log_append_many, log_verify
from data_exchange.models import EvidenceItem, ExchangeLogEntry, OutboxMessage, SigningKey
from data_exchange.services import outbox
from data_exchange.services.log import actor_department
from data_exchange.tests.factories import zhang_wei
from data_exchange.verification import SignedResponse, responses_mark_seen
from tests.fixtures.common import exchange_retries, require, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

PURPOSE = "办理失业登记（RSJ-20-0001），核验申请材料"
HOUSEHOLD = "gongan.household_register"
INSURANCE = "rsj.social_insurance"
TYPES = [HOUSEHOLD, INSURANCE]


def _request(user, ref, types=TYPES, purpose=PURPOSE):
    services.evidence_request(
        actor=user,
        subject=user,
        service_code="RSJ-20-0001",
        evidence_types=list(types),
        purpose=purpose,
        reference=ref,
    )


def _status(ref, evidence_type):
    return EvidenceItem.objects.get(reference=ref, evidence_type=evidence_type).status


def _log_row(n: int) -> dict:
    return {"event": "request", "outcome": "sent", "detail": f"row {n}", "fields": []}


# --- dispatch -------------------------------------------------------------------------------
def test_one_task_per_reference(simulator, exchange_config, monkeypatch):
    sent = []
    monkeypatch.setattr(
        tasks.evidence_pull_batch, "apply_async", lambda args, **kw: sent.append(args[0])
    )
    user = zhang_wei()
    _request(user, "application:one-task")
    rows = list(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True))
    assert sent == [rows]
    assert all(
        row.dispatched_at is not None and row.dispatch_count == 1
        for row in OutboxMessage.objects.all()
    )


def test_redispatch_groups_rows_per_reference(simulator, exchange_config, monkeypatch):
    user = zhang_wei()
    sent = []
    monkeypatch.setattr(
        tasks.evidence_pull_batch, "apply_async", lambda args, **kw: sent.append(args[0])
    )
    _request(user, "application:g1")
    _request(user, "application:g2")
    OutboxMessage.objects.update(dispatched_at=None)
    sent.clear()
    assert services.outbox_redispatch() == 4
    by_reference = {
        reference: sorted(
            OutboxMessage.objects.filter(item__reference=reference).values_list("pk", flat=True)
        )
        for reference in ("application:g1", "application:g2")
    }
    assert sorted(sorted(batch) for batch in sent) == sorted(by_reference.values())


# --- partial failure and retry --------------------------------------------------------------
def test_batch_with_one_department_down_completes_the_others_and_retries_it(
    simulator, exchange_config, settings
):
    settings.DATA_EXCHANGE_BREAKER_COOLDOWN = 0
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 0
    user = zhang_wei()
    simulator.control("gongan", "down")
    _request(user, "application:partial")
    assert _status("application:partial", INSURANCE) == "verified"
    assert _status("application:partial", HOUSEHOLD) == "pending"
    waiting = OutboxMessage.objects.get(item__evidence_type=HOUSEHOLD)
    done = OutboxMessage.objects.get(item__evidence_type=INSURANCE)
    assert done.completed_at is not None
    assert waiting.completed_at is None
    assert waiting.dispatched_at is None  # back to the beat job (eager: no Celery retry)
    assert waiting.next_attempt_at is not None
    assert ExchangeLogEntry.objects.filter(
        event="response", outcome="unavailable", evidence_type=HOUSEHOLD
    ).exists()
    simulator.control("gongan", "normal")
    services.breaker_reset("gongan")
    assert services.outbox_redispatch() == 1
    assert _status("application:partial", HOUSEHOLD) == "verified"
    assert EvidenceItem.objects.get(evidence_type=HOUSEHOLD).attempts == 2
    assert EvidenceItem.objects.get(evidence_type=INSURANCE).attempts == 1
    assert log_verify().ok


def test_unavailable_rows_go_to_the_per_item_retry_task(
    simulator, exchange_config, settings, monkeypatch
):
    """On a worker, the down department's row continues on evidence_pull with its backoff."""
    settings.DATA_EXCHANGE_MAX_RETRIES = 3
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 2
    user = zhang_wei()
    simulator.control("gongan", "down")
    monkeypatch.setattr(tasks.evidence_pull_batch, "apply_async", lambda args, **kw: None)
    _request(user, "application:retry")
    ids = list(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True))
    retries = []
    monkeypatch.setattr(
        tasks.evidence_pull, "apply_async", lambda args, **kw: retries.append((args, kw))
    )
    # Run the task body as the worker would (not eager).
    tasks.evidence_pull_batch.push_request(is_eager=False)
    try:
        tasks.evidence_pull_batch.run(ids)
    finally:
        tasks.evidence_pull_batch.pop_request()
    waiting = OutboxMessage.objects.get(item__evidence_type=HOUSEHOLD)
    assert retries == [
        ([waiting.pk], {"countdown": 2, "retries": 1, "retry": False}),
    ]
    assert _status("application:retry", INSURANCE) == "verified"
    assert _status("application:retry", HOUSEHOLD) == "pending"


# --- idempotency ----------------------------------------------------------------------------
def test_batch_run_twice_changes_nothing(simulator, exchange_config):
    user = zhang_wei()
    _request(user, "application:twice")
    ids = list(OutboxMessage.objects.values_list("pk", flat=True))
    before_items = list(
        EvidenceItem.objects.order_by("pk").values(
            "status", "values_encrypted", "verified_at", "attempts", "response_id"
        )
    )
    before_log = ExchangeLogEntry.objects.count()
    outcome = services.evidence_pull_batch(outbox_ids=ids)
    assert outcome.unavailable == []
    assert set(outcome.statuses.values()) == {"done"}
    assert ExchangeLogEntry.objects.count() == before_log
    after_items = list(
        EvidenceItem.objects.order_by("pk").values(
            "status", "values_encrypted", "verified_at", "attempts", "response_id"
        )
    )
    assert after_items == before_items


def test_redelivered_batch_after_completion_only_closes_the_rows(simulator, exchange_config):
    """A stale redelivery (outbox not yet marked complete) does not pull or change items."""
    user = zhang_wei()
    _request(user, "application:redelivered")
    ids = list(OutboxMessage.objects.values_list("pk", flat=True))
    OutboxMessage.objects.update(completed_at=None)
    before_log = ExchangeLogEntry.objects.count()
    outcome = services.evidence_pull_batch(outbox_ids=ids)
    assert set(outcome.statuses.values()) == {"verified"}
    assert ExchangeLogEntry.objects.count() == before_log
    assert OutboxMessage.objects.filter(completed_at__isnull=True).count() == 0


def test_a_settled_item_is_not_overwritten_by_a_late_batch(simulator, exchange_config, monkeypatch):
    """Two runs of the same rows racing: the one that writes second changes nothing."""
    user = zhang_wei()
    monkeypatch.setattr(tasks.evidence_pull_batch, "apply_async", lambda args, **kw: None)
    _request(user, "application:race", types=[HOUSEHOLD])
    (outbox_id,) = OutboxMessage.objects.values_list("pk", flat=True)
    store = outbox._batch_store_outcomes

    def other_run_settles_first(pulls, statuses):
        EvidenceItem.objects.filter(reference="application:race").update(
            status="failed", failure_code="other_run"
        )
        return store(pulls, statuses)

    monkeypatch.setattr(outbox, "_batch_store_outcomes", other_run_settles_first)
    outcome = services.evidence_pull_batch(outbox_ids=[outbox_id])
    item = EvidenceItem.objects.get(reference="application:race")
    assert (item.status, item.failure_code, item.values) == ("failed", "other_run", {})
    assert item.verified_at is None
    assert outcome.statuses[outbox_id] == "failed"


# --- replay within and across batches -------------------------------------------------------
def test_replay_inside_one_batch_is_caught(exchange_config):
    key = SigningKey.objects.get(key_id="gongan-2026")
    now = timezone.now()
    first = SignedResponse(payload={"response_id": "r-1"}, key=key, issued_at=now)
    again = SignedResponse(payload={"response_id": "r-1"}, key=key, issued_at=now)
    other = SignedResponse(payload={"response_id": "r-2"}, key=key, issued_at=now)
    assert responses_mark_seen([first, again, other]) == {"r-1"}
    assert responses_mark_seen([other]) == {"r-2"}


# --- the hash chain -------------------------------------------------------------------------
def test_log_append_many_builds_the_same_chain(db):
    log_append(**_log_row(0))
    entries = log_append_many([_log_row(n) for n in range(1, 5)])
    log_append(**_log_row(5))
    rows = list(ExchangeLogEntry.objects.order_by("id"))
    assert [r.detail for r in rows] == [f"row {n}" for n in range(6)]
    assert rows[0].prev_hash == GENESIS
    for previous, row in itertools.pairwise(rows):
        assert row.prev_hash == previous.entry_hash
    assert [e.pk for e in entries] == [r.pk for r in rows[1:5]]
    assert log_append_many([]) == []
    assert log_verify().ok


def test_log_chain_verifies_after_concurrent_batch_appends(db):
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    errors = []

    def writer(n: int) -> None:
        try:
            for round_ in range(5):
                log_append_many([_log_row(n * 100 + round_ * 10 + k) for k in range(4)])
                log_append(**_log_row(n * 100 + round_ * 10 + 9))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ExchangeLogEntry.objects.count() == 6 * 5 * 5
    report = log_verify()
    assert report.ok, report
    call_command("verify_exchange_log")


# --- with the real worker -------------------------------------------------------------------
@pytest.fixture
def one_retry(monkeypatch, settings):
    """Worker and test process: one Celery retry, no backoff and no breaker cool-down."""
    exchange_retries(monkeypatch, settings, retries=1)


@pytest.mark.integration
def test_worker_batch_with_one_department_down_retries_it_then_completes(
    one_retry, simulator, exchange_config, celery_worker_process
):
    user = zhang_wei()
    simulator.control("gongan", "down")
    with transaction.atomic():
        _request(user, "application:w-partial")
    wait_for(lambda: _status("application:w-partial", INSURANCE) == "verified")
    # The batch's attempt, then the per-item task's one retry, then the beat job's turn.
    wait_for(
        lambda: OutboxMessage.objects.filter(
            item__evidence_type=HOUSEHOLD, dispatched_at__isnull=True, completed_at__isnull=True
        ).exists()
    )
    assert (
        ExchangeLogEntry.objects.filter(
            event="response", outcome="unavailable", evidence_type=HOUSEHOLD
        ).count()
        == 2
    )
    assert _status("application:w-partial", HOUSEHOLD) == "pending"
    simulator.control("gongan", "normal")
    services.breaker_reset("gongan")
    assert services.outbox_redispatch() == 1
    wait_for(lambda: _status("application:w-partial", HOUSEHOLD) == "verified")
    assert log_verify().ok


@pytest.mark.integration
def test_log_chain_verifies_after_concurrent_batches_on_the_worker(
    one_retry, simulator, exchange_config, celery_worker_process
):
    user = zhang_wei()
    simulator.control("*", "slow", 50)
    refs = [f"application:c-{n}" for n in range(12)]
    for n, ref in enumerate(refs):
        with transaction.atomic():
            _request(user, ref, purpose=f"{PURPOSE}（第{n}次）")  # no cached results
    wait_for(
        lambda: (
            EvidenceItem.objects.filter(reference__in=refs, status="verified").count()
            == 2 * len(refs)
        )
    )
    assert ExchangeLogEntry.objects.filter(event="request").count() == 2 * len(refs)
    assert log_verify().ok
    call_command("verify_exchange_log")


def test_log_names_the_services_handling_department_as_before(simulator, exchange_config):
    """The batch's one-query lookup gives the same requester as department_for_service."""
    from accounts.tests.factories import DepartmentFactory
    from data_exchange.tests.factories import wang_fang_business

    DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    user = zhang_wei()
    _request(user, "application:dept")
    rows = ExchangeLogEntry.objects.filter(reference="application:dept")
    assert rows.count() == 4
    assert set(rows.values_list("actor_department", flat=True)) == {"市人力资源和社会保障局"}
    business = wang_fang_business()
    services.evidence_request(
        actor=business,
        subject=business,
        service_code="PROFILE",  # no 实施编码 prefix: the pseudo service's name
        evidence_types=["scjg.business_licence"],
        purpose="企业画像",
        reference="profile:1",
    )
    rows = ExchangeLogEntry.objects.filter(reference="profile:1")
    assert rows.count() == 2
    assert set(rows.values_list("actor_department", flat=True)) == {
        actor_department(business, "PROFILE")
    }
    assert EvidenceItem.objects.get(reference="profile:1").status == "verified"
