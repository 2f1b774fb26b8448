"""The one hash-chain mechanism for append-only tables (the exchange log, the work record).

Each row stores the previous row's hash (`prev_hash`) and its own hash (`entry_hash`) over
the canonical JSON of its content plus that previous hash, so any change, insertion, removal
or reordering breaks the chain at that row. Appenders are serialised (a PostgreSQL
transaction-level advisory lock, released at commit; on SQLite a no-op write that takes the
database's write lock) so that concurrent writers can never fork the chain. On PostgreSQL a
trigger installed by `append_only_operations()` forbids UPDATE and DELETE for every role.

A chained model declares which fields are hashed and gets a `HashChain`:

    WORK_RECORD_CHAIN = HashChain(model=WorkRecord, fields=(...), lock_key=720302)
    WORK_RECORD_CHAIN.append([WorkRecord(...)])
    WORK_RECORD_CHAIN.verify()        # -> ChainReport naming the first broken record
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, migrations, transaction
from django.db.models import Model

GENESIS = "0" * 64


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8 (not ASCII-escaped).

    Byte for byte the same form as `data_exchange.signing.canonical_json`, so chains written
    before this module existed still verify (a test holds the two together).
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _plain(value: Any) -> Any:
    """A JSON-able, timezone-independent form of one hashed value."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def digest(content: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 over the previous hash followed by the canonical JSON of the content."""
    plain = {name: _plain(value) for name, value in content.items()}
    return hashlib.sha256(prev_hash.encode() + canonical_json(plain)).hexdigest()


@dataclass
class ChainReport:
    """The verifier's answer: ok, how many rows it checked, and the first broken one."""

    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""
    last_hash: str = GENESIS
    last_id: int | None = None


@dataclass
class HashChain:
    """One chained table: its model, the hashed fields (attnames), and its lock key.

    `limits` truncates string fields to their column length before hashing, so the hash
    always covers exactly what is stored.
    """

    model: type[Model]
    fields: Sequence[str]
    lock_key: int
    limits: dict[str, int] = field(default_factory=dict)

    # --- writing -------------------------------------------------------------------------
    def row_digest(self, row: Model, prev_hash: str) -> str:
        return digest({name: getattr(row, name) for name in self.fields}, prev_hash)

    def lock_and_tip(self) -> str:
        """Serialise appenders until this transaction ends, then read the chain's tip.

        Must run inside a transaction. The tip is read in a statement after the lock is
        granted, so under READ COMMITTED it sees the previous holder's committed row.
        """
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [self.lock_key])
            elif connection.vendor == "sqlite":
                # A write statement (matching nothing) upgrades the transaction to SQLite's
                # single writer lock before the tip is read.
                cursor.execute(f"UPDATE {table} SET prev_hash = prev_hash WHERE 0")  # noqa: S608
            cursor.execute(
                f"SELECT entry_hash FROM {table} ORDER BY id DESC LIMIT 1"  # noqa: S608
            )
            row = cursor.fetchone()
        return row[0] if row else GENESIS

    def link(self, rows: Iterable[Model], prev_hash: str) -> list[Model]:
        """Fill prev_hash/entry_hash of unsaved rows, in order, each linked to the one before."""
        linked = []
        for row in rows:
            for name, limit in self.limits.items():
                setattr(row, name, (getattr(row, name) or "")[:limit])
            row.prev_hash = prev_hash
            row.entry_hash = self.row_digest(row, prev_hash)
            prev_hash = row.entry_hash
            linked.append(row)
        return linked

    def append(self, rows: Sequence[Model]) -> list[Model]:
        """Append unsaved rows in order under one lock, one tip read and one INSERT.

        Joins the caller's transaction if there is one (the row then commits or rolls back
        with the caller's action). Ids are assigned in insertion order under the lock, so
        the verifier's id order is the chain order.
        """
        if not rows:
            return []
        with transaction.atomic():
            linked = self.link(rows, self.lock_and_tip())
            if len(linked) == 1:
                linked[0].save(force_insert=True)
                return linked
            return self.model.objects.bulk_create(linked)

    # --- verifying -----------------------------------------------------------------------
    def verify(
        self, *, after_id: int | None = None, start_hash: str = GENESIS, chunk_size: int = 5000
    ) -> ChainReport:
        """Walk the chain in id order and report the first broken record.

        A tampered row fails its own hash; a deleted, inserted or reordered row breaks the
        previous-hash link of the row that follows the gap. `after_id`/`start_hash` resume
        from a known point (an archive segment's head) instead of the genesis.
        """
        queryset = self.model.objects.order_by("id")
        if after_id is not None:
            queryset = queryset.filter(id__gt=after_id)
        names = list(self.fields)
        columns = ["id", "prev_hash", "entry_hash", *names]
        prev_hash, checked, last_id = start_hash, 0, after_id
        sha256, dumps, plain = hashlib.sha256, json.dumps, _plain
        for values in queryset.values_list(*columns).iterator(chunk_size=chunk_size):
            row_id, row_prev, row_hash = values[0], values[1], values[2]
            checked += 1
            if row_prev != prev_hash:
                return ChainReport(
                    False, checked, row_id, "previous-hash link broken", prev_hash, last_id
                )
            content = {name: plain(value) for name, value in zip(names, values[3:], strict=True)}
            payload = dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            if sha256(prev_hash.encode() + payload.encode()).hexdigest() != row_hash:
                return ChainReport(
                    False, checked, row_id, "content does not match its hash", prev_hash, last_id
                )
            prev_hash, last_id = row_hash, row_id
        return ChainReport(True, checked, last_hash=prev_hash, last_id=last_id)


# --- the PostgreSQL append-only trigger -----------------------------------------------------
_INSTALL = """
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{what} is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {function} ON {table};
CREATE TRIGGER {function} BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""

_REMOVE = """
DROP TRIGGER IF EXISTS {function} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""


def append_only_sql(*, table: str, function: str, what: str) -> tuple[str, str]:
    """The (install, remove) SQL of the trigger forbidding UPDATE/DELETE on `table`."""
    names = {"table": table, "function": function, "what": what}
    return _INSTALL.format(**names), _REMOVE.format(**names)


def append_only_operations(*, table: str, function: str, what: str) -> list[migrations.RunPython]:
    """Migration operations installing the append-only trigger (a no-op on SQLite).

    Use in a chained table's migration:
        operations = [*append_only_operations(table="worklog_workrecord", ...)]
    """
    install_sql, remove_sql = append_only_sql(table=table, function=function, what=what)

    def run(sql: str) -> Callable:
        def apply(apps, schema_editor) -> None:
            if schema_editor.connection.vendor == "postgresql":
                with schema_editor.connection.cursor() as cursor:
                    cursor.execute(sql)  # no params: the '%' of RAISE is not a placeholder

        return apply

    return [migrations.RunPython(run(install_sql), run(remove_sql))]
