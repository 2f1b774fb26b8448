"""The one hash-chain mechanism for append-only tables (the exchange log, the work record).

Each row stores the previous row's hash (`prev_hash`) and its own hash (`entry_hash`) over
the canonical JSON of its content plus that previous hash, so any change, insertion, removal
or reordering breaks the chain at that row. Appenders are serialised (a PostgreSQL
transaction-level advisory lock, released at commit; on SQLite a no-op write that takes the
database's write lock) so that concurrent writers can never fork the chain. On PostgreSQL a
trigger installed by `append_only_operations()` forbids UPDATE and DELETE for every role.

A busy table can be split into `streams`: each row carries a small `stream` number (not hashed)
and each stream is its own chain with its own lock, so writers of different streams never wait
for each other. Moving a row to another stream breaks the links of both streams.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
    """The verifier's answer: ok, how many rows it checked, and the first broken one.

    `last_hash` is the hash of the last row checked; `tips` each stream's last hash (the
    start hashes carried over for streams with no row checked), to resume from.
    """

    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""
    last_hash: str = GENESIS
    last_id: int | None = None
    tips: dict[int, str] = field(default_factory=dict)


class ChainRow(NamedTuple):
    """One row as the verifier reads it: content exactly as hashed."""

    id: int
    prev_hash: str
    entry_hash: str
    content: dict
    stream: int = 0


@dataclass
class HashChain:
    """One chained table: its model, the hashed fields (attnames), and its lock key.

    `limits` truncates string fields to their column length before hashing, so the hash
    always covers exactly what is stored. `streams` > 1 splits the table into that many
    chains by the rows' `stream` column (0 … streams - 1), each locked on its own.
    """

    model: type[Model]
    fields: Sequence[str]
    lock_key: int
    limits: dict[str, int] = field(default_factory=dict)
    streams: int = 1
    # On PostgreSQL: a function installed by the table's migration (`lock_and_read_function`)
    # that takes the lock and reads the tip in one round trip; without it, two statements.
    pg_lock_and_read: str = ""
    _inserts: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # --- writing -------------------------------------------------------------------------
    def row_digest(self, row: Model, prev_hash: str) -> str:
        return digest({name: getattr(row, name) for name in self.fields}, prev_hash)

    def lock_and_tip(self, *, stream: int = 0) -> str:
        """Serialise appenders until this transaction ends, then read the chain's tip."""
        return self.lock_and_read(stream=stream)[0]

    def lock_and_read(
        self, *, stream: int = 0, also: str = "", params: Sequence = ()
    ) -> tuple[str, Any]:
        """Serialise the stream's appenders until this transaction ends; read its tip (and
        `also`).

        Must run inside a transaction. The tip is read in a statement after the lock is
        granted, so under READ COMMITTED it sees the previous holder's committed row. `also`
        is one scalar subquery read in the same statement (saving a round trip), e.g. the
        time of an object's previous record, over `params`. With `pg_lock_and_read` on
        PostgreSQL and `params` given, the function's own `also` runs instead, and `params`
        are its arguments; without `params` (`append`), the two statements.
        """
        if self.streams > 1 and not 0 <= stream < self.streams:
            raise ValueError(f"stream {stream} outside 0..{self.streams - 1}")
        if connection.vendor == "postgresql" and self.pg_lock_and_read and params:
            # One round trip: the function locks, then reads in statements of its own, each
            # with a fresh snapshot (see `lock_and_read_function`).
            with connection.cursor() as cursor:
                cursor.execute(self._function_call(len(params)), [stream, *params])
                last, extra = cursor.fetchone()
            return last or GENESIS, extra
        table = connection.ops.quote_name(self.model._meta.db_table)
        if self.streams > 1:
            where, tip_params = "WHERE stream = %s ", [stream]
        else:
            where, tip_params = "", []
        tip = f"(SELECT entry_hash FROM {table} {where}ORDER BY id DESC LIMIT 1)"  # noqa: S608
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                if self.streams > 1:  # the two-key form: one lock per stream
                    cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [self.lock_key, stream])
                else:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [self.lock_key])
            elif connection.vendor == "sqlite":
                # A write statement (matching nothing) upgrades the transaction to SQLite's
                # single writer lock before the tip is read.
                cursor.execute(f"UPDATE {table} SET prev_hash = prev_hash WHERE 0")  # noqa: S608
            also_params = list(params) if also else []
            cursor.execute(f"SELECT {tip}, ({also or 'NULL'})", [*tip_params, *also_params])
            last, extra = cursor.fetchone()
        return last or GENESIS, extra

    def _function_call(self, params: int) -> str:
        placeholders = ", ".join(["%s"] * (1 + params))
        return f"SELECT * FROM {self.pg_lock_and_read}({placeholders})"  # noqa: S608 (a name set in code)

    def insert(self, row: Model) -> Model:
        """INSERT one linked row with a statement compiled once per table and database (the
        ORM's `save()` compiles it on every call, a third of recording's cost); sets its id."""
        sql, fields, returning = self._insert_statement()
        params = [
            getattr(row, attname) if prep is None else prep(getattr(row, attname), connection)
            for attname, prep in fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
        row._state.adding, row._state.db = False, connection.alias
        return row

    def _insert_statement(self) -> tuple[str, list, bool]:
        key = (connection.vendor, connection.alias)
        cached = self._inserts.get(key)
        if cached is None:
            meta = self.model._meta
            fields = [f for f in meta.concrete_fields if not f.primary_key]
            quote = connection.ops.quote_name
            returning = connection.features.can_return_columns_from_insert
            # Text, integers and foreign-key ids go to the driver as they are; other kinds
            # (timestamps, JSON) through the field's own conversion.
            plain = ("CharField", "TextField", "BigIntegerField", "IntegerField", "ForeignKey")
            plain += ("PositiveSmallIntegerField", "SmallIntegerField")
            preps = [
                (f.attname, None if f.get_internal_type() in plain else f.get_db_prep_save)
                for f in fields
            ]
            sql = (
                f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608
                f"({', '.join(quote(f.column) for f in fields)}) "
                f"VALUES ({', '.join(['%s'] * len(fields))})"
                + (f" RETURNING {quote(meta.pk.column)}" if returning else "")
            )
            cached = self._inserts[key] = (sql, preps, returning)
        return cached

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
            linked = []
            # Streams locked in ascending order, so two appenders can never deadlock.
            for stream in sorted({self.stream_of(row) for row in rows}):
                group = [row for row in rows if self.stream_of(row) == stream]
                linked.extend(self.link(group, self.lock_and_tip(stream=stream)))
            if len(linked) == 1:
                self.insert(linked[0])
                return linked
            return self.model.objects.bulk_create(linked)

    def stream_of(self, row: Model) -> int:
        return getattr(row, "stream", 0) if self.streams > 1 else 0

    # --- verifying -----------------------------------------------------------------------
    def verify(
        self,
        *,
        after_id: int | None = None,
        start_hash: str = GENESIS,
        start_hashes: dict[int, str] | None = None,
        chunk_size: int = 10000,
    ) -> ChainReport:
        """Walk the chain in id order and report the first broken record.

        A tampered row fails its own hash; a deleted, inserted or reordered row breaks the
        previous-hash link of the row that follows the gap (in its stream). `after_id` with
        `start_hash` (one stream) or `start_hashes` (per stream, as a report's or an archive's
        tips) resume from a known point instead of the genesis.
        """
        rows = self.rows(after_id=after_id, chunk_size=chunk_size)
        return verify_rows(
            rows, start_hash=start_hash, start_hashes=start_hashes, after_id=after_id
        )

    def rows(
        self, *, after_id: int | None = None, until_id: int | None = None, chunk_size: int = 10000
    ) -> Iterator[ChainRow]:
        """The rows in id order, content exactly as hashed (timestamps as UTC ISO text, JSON
        decoded)."""
        names = list(self.fields)
        first = 4 if self.streams > 1 else 3
        for rows, converters in self._chunks(after_id, chunk_size):
            for row in rows:
                if until_id is not None and row[0] > until_id:
                    return
                content = dict(zip(names, row[first:], strict=True))
                for name, convert in converters:
                    content[name] = convert(content[name])
                yield ChainRow(row[0], row[1], row[2], content, row[3] if first == 4 else 0)

    def _chunks(self, after_id: int | None, size: int) -> Iterator[tuple[list, list]]:
        """Rows (id, prev_hash, entry_hash, *hashed values) in id order, in keyset pages.

        On PostgreSQL the database formats timestamps as the hash's ISO text and hands JSON
        over as text (twice the fetch rate of building datetime objects); elsewhere the ORM
        reads and `_plain` formats. Either way the values hashed are the same.
        """
        fields = {f.attname: f for f in self.model._meta.concrete_fields}
        kinds = [fields[name].get_internal_type() for name in self.fields]
        if connection.vendor == "postgresql":
            sql, converters = self._pg_select(kinds)
            fetch = self._pg_fetch(sql)
        else:
            converters = [
                (name, _plain)
                for name, kind in zip(self.fields, kinds, strict=True)
                if kind in ("DateTimeField", "DateField", "DecimalField")
            ]
            fetch = self._orm_fetch()
        last = after_id if after_id is not None else -(2**63)
        while rows := fetch(last, size):
            yield rows, converters
            last = rows[-1][0]

    def _pg_select(self, kinds: list[str]) -> tuple[str, list]:
        fields = {f.attname: f for f in self.model._meta.concrete_fields}
        quote = connection.ops.quote_name
        columns, converters = [], []
        for name, kind in zip(self.fields, kinds, strict=True):
            column = quote(fields[name].column)
            if kind == "DateTimeField":
                columns.append(f"to_char({column} AT TIME ZONE 'UTC', '{_PG_ISO}')")
            elif kind == "DateField":
                columns.append(f"to_char({column}, 'YYYY-MM-DD')")
            elif kind == "JSONField":
                columns.append(f"{column}::text")
                converters.append((name, _json_or_none))
            elif kind == "DecimalField":
                columns.append(f"{column}::text")  # the same text as str(Decimal)
            else:
                columns.append(column)
        table = quote(self.model._meta.db_table)
        stream = "stream, " if self.streams > 1 else ""
        sql = (
            f"SELECT id, prev_hash, entry_hash, {stream}{', '.join(columns)} "  # noqa: S608
            f"FROM {table} WHERE id > %s ORDER BY id LIMIT %s"
        )
        return sql, converters

    @staticmethod
    def _pg_fetch(sql: str) -> Callable[[int, int], list]:
        def fetch(last: int, size: int) -> list:
            with connection.cursor() as cursor:
                cursor.execute(sql, [last, size])
                return cursor.fetchall()

        return fetch

    def _orm_fetch(self) -> Callable[[int, int], list]:
        stream = ["stream"] if self.streams > 1 else []
        columns = ["id", "prev_hash", "entry_hash", *stream, *self.fields]

        def fetch(last: int, size: int) -> list:
            queryset = self.model.objects.filter(id__gt=last).order_by("id")
            return list(queryset.values_list(*columns)[:size])

        return fetch


def verify_rows(
    rows: Iterable[ChainRow | tuple],
    *,
    start_hash: str = GENESIS,
    start_hashes: dict[int, str] | None = None,
    after_id=None,
) -> ChainReport:
    """Check rows (id, prev_hash, entry_hash, content[, stream]) in order; the first broken
    one is named. Each stream starts from `start_hashes[stream]`, else `start_hash`. Used for
    the live table and for archive files alike."""
    encode = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
    sha256 = hashlib.sha256
    tips = {int(stream): value for stream, value in (start_hashes or {}).items()}
    last_hash, checked, last_id = start_hash, 0, after_id
    for row in rows:
        row_id, row_prev, row_hash, content = row[:4]
        stream = row[4] if len(row) > 4 else 0
        prev_hash = tips.get(stream, start_hash)
        checked += 1
        if row_prev != prev_hash:
            return ChainReport(
                False, checked, row_id, "previous-hash link broken", prev_hash, last_id, tips
            )
        if sha256((prev_hash + encode(content)).encode()).hexdigest() != row_hash:
            return ChainReport(
                False, checked, row_id, "content does not match its hash", prev_hash, last_id, tips
            )
        tips[stream] = last_hash = row_hash
        last_id = row_id
    return ChainReport(True, checked, last_hash=last_hash, last_id=last_id, tips=tips)


_PG_ISO = 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'  # = datetime.isoformat(timespec="microseconds")


def _json_or_none(text: str | None) -> Any:
    return None if text is None else json.loads(text)


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


# --- the PostgreSQL lock-and-read function ----------------------------------------------------
_LOCK_AND_READ = """
CREATE OR REPLACE FUNCTION {function}(p_stream integer{arguments})
RETURNS TABLE (chain_tip text, also_value {also_type}) AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({lock_key}, p_stream);
    -- A VOLATILE function takes a fresh snapshot for each statement (READ COMMITTED), so this
    -- read, after the lock is granted, sees the previous holder's committed row.
    RETURN QUERY SELECT
        (SELECT entry_hash::text FROM {table} WHERE stream = p_stream ORDER BY id DESC LIMIT 1),
        ({also});
END;
$$ LANGUAGE plpgsql VOLATILE;
"""


def lock_and_read_function(
    *,
    function: str,
    table: str,
    lock_key: int,
    also: str = "NULL",
    also_type: str = "text",
    arguments: Sequence[tuple[str, str]] = (),
) -> list[migrations.RunPython]:
    """Migration operations installing a streamed chain's lock-and-read function (a no-op on
    SQLite): `function(stream, *arguments)` takes the stream's advisory lock, then returns the
    stream's tip and the scalar `also` (SQL over `arguments`, e.g. an object's previous record),
    in one round trip instead of two. Name it in the chain's `pg_lock_and_read`.
    """
    names = {
        "function": function,
        "table": table,
        "lock_key": int(lock_key),
        "also": also,
        "also_type": also_type,
        "arguments": "".join(f", {name} {kind}" for name, kind in arguments),
    }
    install_sql = _LOCK_AND_READ.format(**names)
    kinds = ", ".join(["integer", *(kind for _name, kind in arguments)])
    remove_sql = f"DROP FUNCTION IF EXISTS {function}({kinds});"

    def run(sql: str) -> Callable:
        def apply(apps, schema_editor) -> None:
            if schema_editor.connection.vendor == "postgresql":
                with schema_editor.connection.cursor() as cursor:
                    cursor.execute(sql)

        return apply

    return [migrations.RunPython(run(install_sql), run(remove_sql))]
