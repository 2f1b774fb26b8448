"""The verifier names the first broken record after any tampering, deletion or reordering."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from data_exchange import signing
from tests.fixtures.common import require
from worklog import chain
from worklog.models import WorkRecord
from worklog.services import WORK_RECORD_CHAIN, record_action, stream_for


def _five() -> list[WorkRecord]:
    return [record_action(actor=None, action="test.step", reason=f"第{n}步") for n in range(5)]


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_the_chain_form_is_the_exchange_logs_canonical_json():
    value = {"b": [1, "二"], "a": {"z": None, "y": 1.5}}
    assert chain.canonical_json(value) == signing.canonical_json(value)


@pytest.mark.django_db
def test_an_intact_chain_verifies():
    records = _five()
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.checked, report.last_id) == (True, 5, records[-1].pk)
    assert records[0].prev_hash == chain.GENESIS
    assert report.last_hash == records[-1].entry_hash
    resumed = WORK_RECORD_CHAIN.verify(after_id=records[1].pk, start_hash=records[1].entry_hash)
    assert (resumed.ok, resumed.checked) == (True, 3)


@pytest.mark.django_db
def test_a_tampered_record_is_named():
    records = _five()
    if connection.vendor != "sqlite":  # on PostgreSQL the trigger test covers it instead
        pytest.skip("raw tampering needs SQLite (PostgreSQL refuses it)")
    _sql("UPDATE worklog_workrecord SET reason = %s WHERE id = %s", ["改过", records[2].pk])
    _sql("UPDATE worklog_workrecord SET reason = %s WHERE id = %s", ["也改过", records[3].pk])
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.first_broken_id) == (False, records[2].pk)
    assert report.reason == "content does not match its hash"
    assert report.checked == 3


@pytest.mark.django_db
def test_a_deleted_record_is_named_by_the_one_after_the_gap():
    records = _five()
    if connection.vendor != "sqlite":  # on PostgreSQL the trigger test covers it instead
        pytest.skip("raw tampering needs SQLite (PostgreSQL refuses it)")
    _sql("DELETE FROM worklog_workrecord WHERE id = %s", [records[1].pk])
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.first_broken_id) == (False, records[2].pk)
    assert report.reason == "previous-hash link broken"


@pytest.mark.django_db
def test_reordered_records_are_named():
    records = _five()
    if connection.vendor != "sqlite":  # on PostgreSQL the trigger test covers it instead
        pytest.skip("raw tampering needs SQLite (PostgreSQL refuses it)")
    a, b = records[1].pk, records[3].pk
    _sql("UPDATE worklog_workrecord SET id = -1 WHERE id = %s", [a])
    _sql("UPDATE worklog_workrecord SET id = %s WHERE id = %s", [a, b])
    _sql("UPDATE worklog_workrecord SET id = %s WHERE id = -1", [b])
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.first_broken_id) == (False, a)


@pytest.mark.django_db
def test_a_record_forged_with_recomputed_hash_breaks_the_next_link():
    records = _five()
    if connection.vendor != "sqlite":  # on PostgreSQL the trigger test covers it instead
        pytest.skip("raw tampering needs SQLite (PostgreSQL refuses it)")
    forged = WorkRecord.objects.get(pk=records[2].pk)
    forged.reason = "伪造"
    new_hash = WORK_RECORD_CHAIN.row_digest(forged, forged.prev_hash)
    _sql(
        "UPDATE worklog_workrecord SET reason = %s, entry_hash = %s WHERE id = %s",
        ["伪造", new_hash, forged.pk],
    )
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.first_broken_id) == (False, records[3].pk)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_application_role_cannot_update_or_delete_on_postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    record = record_action(actor=None, action="test.step")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        WorkRecord.objects.filter(pk=record.pk).update(reason="changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        WorkRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("UPDATE worklog_workrecord SET reason = 'x'")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("DELETE FROM worklog_workrecord")
    assert WORK_RECORD_CHAIN.verify().ok


def _concurrent_writers(count: int, **fields) -> list[Exception]:
    """`count` threads, each recording 10 steps in its own transactions; their errors."""
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for k in range(10):
                with transaction.atomic():
                    record_action(actor=None, action="test.step", reason=f"{n}-{k}", **fields)
        except Exception as exc:  # surfaced by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain_on_postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    # Other records may already be in the chain (the calendar's seeding records its years).
    before = WORK_RECORD_CHAIN.verify().checked
    assert _concurrent_writers(6) == []
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.checked) == (True, before + 60)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_concurrent_steps_on_one_object_read_each_others_committed_records_on_postgresql():
    """The lock-and-read function reads after the lock is granted: each step's previous step is
    the one committed just before it, so times follow the chain order."""
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    shared = {"target_type": "applications.application", "target_id": "shared"}
    assert _concurrent_writers(4, **shared) == []
    rows = list(WorkRecord.objects.filter(target_id="shared").order_by("id"))
    assert len(rows) == 40
    assert rows[0].elapsed_seconds is None
    assert all(row.elapsed_seconds is not None for row in rows[1:])
    assert [row.at for row in rows] == sorted(row.at for row in rows)
    assert WORK_RECORD_CHAIN.verify().ok


def _on(target_id: str, reason: str = "") -> WorkRecord:
    return record_action(
        actor=None,
        action="test.step",
        target_type="applications.application",
        target_id=target_id,
        reason=reason,
    )


def _two_streams() -> tuple[str, str]:
    """Two object ids whose records fall in different streams."""
    probe = WorkRecord(target_type="applications.application")
    seen: dict[int, str] = {}
    for n in range(200):
        probe.target_id = str(n)
        seen.setdefault(stream_for(probe), str(n))
        if len(seen) == 2:
            return tuple(seen.values())
    raise AssertionError("no two streams")


@pytest.mark.django_db
def test_one_objects_history_is_one_stream_and_interleaved_streams_verify():
    a, b = _two_streams()
    records = [_on(a, "一"), _on(b, "二"), _on(a, "三"), _on(b, "四")]
    assert records[0].stream == records[2].stream != records[1].stream == records[3].stream
    assert records[2].prev_hash == records[0].entry_hash  # linked within its own stream
    assert records[3].prev_hash == records[1].entry_hash
    assert records[2].elapsed_seconds is not None
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.checked) == (True, 4)
    assert report.tips == {
        records[2].stream: records[2].entry_hash,
        records[3].stream: records[3].entry_hash,
    }
    resumed = WORK_RECORD_CHAIN.verify(after_id=records[1].pk, start_hashes=report.tips)
    assert not resumed.ok  # resuming needs the tips as they were after id 2, not the last ones
    tips_after_two = {
        records[0].stream: records[0].entry_hash,
        records[1].stream: records[1].entry_hash,
    }
    resumed = WORK_RECORD_CHAIN.verify(after_id=records[1].pk, start_hashes=tips_after_two)
    assert (resumed.ok, resumed.checked) == (True, 2)


@pytest.mark.django_db
def test_a_record_moved_to_another_stream_is_named():
    if connection.vendor != "sqlite":  # on PostgreSQL the trigger refuses the move itself
        pytest.skip("raw tampering needs SQLite (PostgreSQL refuses it)")
    a, b = _two_streams()
    records = [_on(a), _on(a), _on(b), _on(a)]
    _sql(
        "UPDATE worklog_workrecord SET stream = %s WHERE id = %s",
        [records[2].stream, records[1].pk],
    )
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.first_broken_id) == (False, records[1].pk)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_clerks_action_does_not_wait_for_another_clerks_commit_on_postgresql():
    """Two clerks acting on different cases: the second records at once while the first's
    transaction is still open (one lock per stream, not one for the portal)."""
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    a, b = _two_streams()
    first_open, second_done, release = threading.Event(), threading.Event(), threading.Event()
    errors: list[Exception] = []

    def first_clerk() -> None:
        try:
            with transaction.atomic():
                _on(a, "第一位")
                first_open.set()
                release.wait(20)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    def second_clerk() -> None:
        try:
            first_open.wait(20)
            with transaction.atomic():
                _on(b, "第二位")
            second_done.set()
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_clerk), threading.Thread(target=second_clerk)]
    for thread in threads:
        thread.start()
    # A bound, not a speed check: on one chain lock the second waits the full 20 s.
    done_while_first_open = second_done.wait(15)
    release.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert done_while_first_open
    assert WORK_RECORD_CHAIN.verify().ok


@pytest.mark.django_db
def test_bulk_appends_to_a_stream_verify_on_every_database():
    """append() (no object's previous step to read) links rows as record_action() does."""
    rows = [
        WorkRecord(at=timezone.now(), action="test.bulk", target_id=str(n), stream=3)
        for n in range(3)
    ]
    WORK_RECORD_CHAIN.append(rows)
    record_action(actor=None, action="test.step", reason="after the bulk rows")
    assert WorkRecord.objects.filter(action="test.bulk").count() == 3
    assert WORK_RECORD_CHAIN.verify().ok
