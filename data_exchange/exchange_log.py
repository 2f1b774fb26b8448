"""The append-only, hash-chained exchange log (X-Road style).

The chaining, locking and verifying are `worklog.chain`'s (the one mechanism, shared with the
work record); this module says which fields of `ExchangeLogEntry` are hashed. On PostgreSQL
a trigger also forbids UPDATE and DELETE on the table (migration 0002).
"""

from __future__ import annotations

from django.utils import timezone

from data_exchange.models import ExchangeLogEntry
from worklog.chain import GENESIS, ChainReport, HashChain

__all__ = ["GENESIS", "ChainReport", "entry_digest", "log_append", "log_append_many", "log_verify"]

_HASHED_FIELDS = (
    "created_at",
    "event",
    "outcome",
    "actor_id",
    "actor_name",
    "actor_department",
    "subject_user_id",
    "organisation_id",
    "holder_digest",
    "holder_masked",
    "reference",
    "service_code",
    "evidence_type",
    "department_code",
    "purpose",
    "fields",
    "request_id",
    "response_id",
    "detail",
)

EXCHANGE_LOG_CHAIN = HashChain(
    model=ExchangeLogEntry,
    fields=_HASHED_FIELDS,
    lock_key=720301,
    limits={"actor_name": 100, "actor_department": 100, "detail": 300, "purpose": 200},
)


def entry_digest(entry: ExchangeLogEntry, prev_hash: str) -> str:
    return EXCHANGE_LOG_CHAIN.row_digest(entry, prev_hash)


def log_append(**fields) -> ExchangeLogEntry:
    """Append one row; serialised so that concurrent writers cannot fork the chain."""
    (entry,) = EXCHANGE_LOG_CHAIN.append([ExchangeLogEntry(created_at=timezone.now(), **fields)])
    return entry


def log_append_many(rows: list[dict]) -> list[ExchangeLogEntry]:
    """Append several rows in order under one lock, one tip read and one INSERT.

    The chain is the same as appending them one by one: row n's prev_hash is row n-1's hash.
    """
    now = timezone.now
    return EXCHANGE_LOG_CHAIN.append([ExchangeLogEntry(created_at=now(), **row) for row in rows])


def log_verify() -> ChainReport:
    return EXCHANGE_LOG_CHAIN.verify()
