"""Verifying signed department responses against the key registry (fails closed).

`verify_envelope` checks one response. The batch pull runs the same checks in three phases so
that it can look keys up once and record every response id in one statement:
`envelope_check_signature` (format, key registry, signature), `responses_mark_seen` (replay)
and `envelope_check_binding` (age, request hash, holder). The order of the checks, and so the
failure code a response gets, is the same either way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from data_exchange import signing
from data_exchange.models import SeenResponse, SigningKey


class VerificationError(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class SignedResponse:
    """A response whose signature checked out against a registered key."""

    payload: dict
    key: SigningKey
    issued_at: dt.datetime

    @property
    def response_id(self) -> str:
        return str(self.payload.get("response_id") or "")[:64]


def _parse_time(value) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value))
    if timezone.is_naive(parsed):
        raise ValueError("naive time")
    return parsed


def signing_keys(*, departments: Iterable[str]) -> dict[str, SigningKey]:
    """The registered keys of `departments` by key id (one query), for batch verification."""
    return {key.key_id: key for key in SigningKey.objects.filter(issuer__in=set(departments))}


def envelope_check_signature(
    *,
    department_code: str,
    body: bytes,
    now: dt.datetime,
    keys: Mapping[str, SigningKey] | None = None,
) -> SignedResponse:
    """Format, key registry (unknown, revoked, expired) and signature.

    `keys` is a preloaded registry (see `signing_keys`); without it the key is read from the
    database.
    """
    try:
        envelope = json.loads(body.decode("utf-8"))
        payload = envelope["payload"]
        signature = envelope["signature"]
        alg, key_id, value = signature["alg"], signature["key_id"], signature["value"]
        issued_at = _parse_time(payload["issued_at"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise VerificationError("malformed", type(exc).__name__) from None
    if not isinstance(payload, dict):
        raise VerificationError("malformed", "payload")
    scheme = signing.get_scheme(str(alg))
    if scheme is None:
        raise VerificationError("unsupported_algorithm", str(alg)[:40])
    if keys is None:
        key = SigningKey.objects.filter(key_id=key_id).first()
    else:
        key = keys.get(key_id) if isinstance(key_id, str) else None
    if key is None or key.issuer != department_code or key.algorithm != alg:
        raise VerificationError("unknown_key", str(key_id)[:60])
    if key.revoked_at is not None and key.revoked_at <= max(now, issued_at):
        raise VerificationError("revoked_key", key.key_id)
    if issued_at < key.valid_from or (
        key.valid_until is not None and (issued_at > key.valid_until or now > key.valid_until)
    ):
        raise VerificationError("expired_key", key.key_id)
    if payload.get("key_id") != key_id or payload.get("issuer") != department_code:
        raise VerificationError("bad_signature", "issuer or key id differs from signature")
    if not scheme.verify(key.public_key, signing.canonical_json(payload), value):
        raise VerificationError("bad_signature", key.key_id)
    if issued_at > now + dt.timedelta(seconds=60):
        raise VerificationError("stale", "issued in the future")
    return SignedResponse(payload=payload, key=key, issued_at=issued_at)


def responses_mark_seen(responses: list[SignedResponse]) -> set[str]:
    """Record the response ids as seen; return those seen before (replays).

    One INSERT … ON CONFLICT DO NOTHING RETURNING for the whole batch: a concurrent writer of
    the same id waits on the unique index and then sees it as a replay. Callers check first
    that every response has a response id (`malformed` otherwise).
    """
    if not responses:
        return set()
    now = timezone.now()
    rows, wanted = [], []
    for response in responses:
        rows.append((response.response_id, response.key.key_id, now))
        wanted.append(response.response_id)
    table = connection.ops.quote_name(SeenResponse._meta.db_table)
    placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
    params = [
        value
        for response_id, key_id, seen_at in rows
        for value in (
            response_id,
            key_id,
            SeenResponse._meta.get_field("seen_at").get_db_prep_value(seen_at, connection),
        )
    ]
    sql = (
        f"INSERT INTO {table} (response_id, key_id, seen_at) VALUES {placeholders} "  # noqa: S608 - table name from the model, values are parameters
        f"ON CONFLICT (response_id) DO NOTHING RETURNING response_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inserted = {row[0] for row in cursor.fetchall()}
    replays: set[str] = set()
    first_in_batch: set[str] = set()
    for response_id in wanted:
        if response_id not in inserted or response_id in first_in_batch:
            replays.add(response_id)
        else:
            first_in_batch.add(response_id)
    return replays


def envelope_check_binding(
    *,
    signed: SignedResponse,
    now: dt.datetime,
    expected_request_hash: str | None = None,
    expected_holder_id: str | None = None,
    check_age: bool = True,
) -> dict:
    """Age, request hash and holder; returns the verified payload."""
    payload = signed.payload
    if check_age and now - signed.issued_at > dt.timedelta(
        seconds=settings.DATA_EXCHANGE_RESPONSE_MAX_AGE
    ):
        raise VerificationError("stale", "too old")
    if expected_request_hash is not None and payload.get("request_hash") != expected_request_hash:
        raise VerificationError("request_hash_mismatch")
    if expected_holder_id is not None and payload.get("holder_id") != expected_holder_id:
        raise VerificationError("holder_mismatch")
    return payload


def verify_envelope(
    *,
    department_code: str,
    body: bytes,
    expected_request_hash: str | None = None,
    expected_holder_id: str | None = None,
    record_seen: bool = True,
    now: dt.datetime | None = None,
) -> dict:
    """Return the verified payload, or raise VerificationError naming the failed check."""
    now = now or timezone.now()
    signed = envelope_check_signature(department_code=department_code, body=body, now=now)
    if record_seen:
        if not signed.response_id:
            raise VerificationError("malformed", "response_id")
        try:
            with transaction.atomic():
                SeenResponse.objects.create(
                    response_id=signed.response_id, key_id=signed.key.key_id
                )
        except IntegrityError:
            raise VerificationError("replay", signed.response_id) from None
    return envelope_check_binding(
        signed=signed,
        now=now,
        expected_request_hash=expected_request_hash,
        expected_holder_id=expected_holder_id,
        check_age=record_seen,
    )
