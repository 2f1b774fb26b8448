"""The verifier names the first broken record after any tampering, deletion or reordering."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from data_exchange import signing
from tests.fixtures.common import require
from worklog import chain
from worklog.models import WorkRecord
from worklog.services import WORK_RECORD_CHAIN, record_action


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


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain_on_postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for k in range(10):
                with transaction.atomic():
                    record_action(actor=None, action="test.step", reason=f"{n}-{k}")
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    # Other records may already be in the chain (the calendar's seeding records its years).
    before = WORK_RECORD_CHAIN.verify().checked
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = WORK_RECORD_CHAIN.verify()
    assert (report.ok, report.checked) == (True, before + 60)
