"""The append-only, hash-chained exchange log (X-Road style).

Each row stores the previous row's hash and its own hash over its content, so any change,
insertion or removal breaks the chain at that row. On PostgreSQL a trigger also forbids
UPDATE and DELETE on the table (migration 0002).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from data_exchange.models import ExchangeLogEntry
from data_exchange.signing import canonical_json

GENESIS = "0" * 64
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


def entry_digest(entry: ExchangeLogEntry, prev_hash: str) -> str:
    content = {}
    for name in _HASHED_FIELDS:
        value = getattr(entry, name)
        if name == "created_at":
            value = value.astimezone(dt.UTC).isoformat(timespec="microseconds")
        content[name] = value
    return hashlib.sha256(prev_hash.encode() + canonical_json(content)).hexdigest()


_LIMITS = {"actor_name": 100, "actor_department": 100, "detail": 300, "purpose": 200}


def _lock_and_last_hash() -> str:
    """Serialise appenders (PostgreSQL advisory lock, released at commit) and read the tip."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(720301)")
    last = ExchangeLogEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
    return last or GENESIS


def _chain(rows: list[dict], prev_hash: str) -> list[ExchangeLogEntry]:
    """Build the entries in order, each linked to the one before and hashed in Python."""
    entries = []
    for fields in rows:
        entry = ExchangeLogEntry(created_at=timezone.now(), prev_hash=prev_hash, **fields)
        for name, limit in _LIMITS.items():
            setattr(entry, name, (getattr(entry, name) or "")[:limit])
        entry.entry_hash = entry_digest(entry, prev_hash)
        prev_hash = entry.entry_hash
        entries.append(entry)
    return entries


def log_append(**fields) -> ExchangeLogEntry:
    """Append one row; serialised so that concurrent writers cannot fork the chain."""
    with transaction.atomic():
        (entry,) = _chain([fields], _lock_and_last_hash())
        entry.save(force_insert=True)
        return entry


def log_append_many(rows: list[dict]) -> list[ExchangeLogEntry]:
    """Append several rows in order under one lock, one tip read and one INSERT.

    The chain is the same as appending them one by one: row n's prev_hash is row n-1's hash.
    Ids are assigned in insertion order (a bulk INSERT of one statement, under the lock), so
    `log_verify` walks them in chain order.
    """
    if not rows:
        return []
    with transaction.atomic():
        entries = _chain(rows, _lock_and_last_hash())
        return ExchangeLogEntry.objects.bulk_create(entries)


@dataclass
class ChainReport:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""


def log_verify() -> ChainReport:
    prev_hash = GENESIS
    checked = 0
    for entry in ExchangeLogEntry.objects.order_by("id").iterator(chunk_size=2000):
        checked += 1
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry.id, "previous-hash link broken")
        if entry_digest(entry, prev_hash) != entry.entry_hash:
            return ChainReport(False, checked, entry.id, "content does not match its hash")
        prev_hash = entry.entry_hash
    return ChainReport(True, checked)
