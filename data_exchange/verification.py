"""Verifying signed department responses against the key registry (fails closed)."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from data_exchange import signing
from data_exchange.models import SeenResponse, SigningKey


class VerificationError(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _parse_time(value) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value))
    if timezone.is_naive(parsed):
        raise ValueError("naive time")
    return parsed


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
    try:
        envelope = json.loads(body.decode("utf-8"))
        payload = envelope["payload"]
        signature = envelope["signature"]
        alg, key_id, value = signature["alg"], signature["key_id"], signature["value"]
        issued_at = _parse_time(payload["issued_at"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise VerificationError("malformed", type(exc).__name__) from None
    if not isinstance(payload, dict):
        raise VerificationError("malformed", "payload")
    scheme = signing.get_scheme(str(alg))
    if scheme is None:
        raise VerificationError("unsupported_algorithm", str(alg)[:40])
    key = SigningKey.objects.filter(key_id=key_id).first()
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
    if record_seen:
        response_id = str(payload.get("response_id") or "")
        if not response_id:
            raise VerificationError("malformed", "response_id")
        try:
            with transaction.atomic():
                SeenResponse.objects.create(response_id=response_id[:64], key_id=key.key_id)
        except IntegrityError:
            raise VerificationError("replay", response_id) from None
        if now - issued_at > dt.timedelta(seconds=settings.DATA_EXCHANGE_RESPONSE_MAX_AGE):
            raise VerificationError("stale", "too old")
    if expected_request_hash is not None and payload.get("request_hash") != expected_request_hash:
        raise VerificationError("request_hash_mismatch")
    if expected_holder_id is not None and payload.get("holder_id") != expected_holder_id:
        raise VerificationError("holder_mismatch")
    return payload
