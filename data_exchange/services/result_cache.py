"""Verified results, cached encrypted for the same holder, type, purpose and fields, and only
while the department says they are valid."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.cache import cache
from django.utils import timezone

from accounts import crypto


def parse_dt(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def cache_key(
    *, holder_id: str, evidence_type: str, service_code: str, purpose: str, fields: list[str]
) -> str:
    scope = hashlib.sha256(
        json.dumps([service_code, purpose, sorted(fields)], ensure_ascii=False).encode()
    ).hexdigest()[:24]
    return f"dx:evidence:{crypto.blind_index(holder_id)}:{evidence_type}:{scope}"


def cache_put(key: str, *, payload: dict, values: dict) -> None:
    valid_until = parse_dt(payload.get("valid_until"))
    if valid_until is None:
        return
    ttl = int(min((valid_until - timezone.now()).total_seconds(), 3600))
    if ttl <= 0:
        return
    blob = {
        "values": values,
        "valid_until": payload.get("valid_until"),
        "key_id": payload.get("key_id"),
        "response_id": payload.get("response_id"),
        "verified_at": timezone.now().isoformat(),
    }
    cache.set(key, crypto.encrypt(json.dumps(blob, ensure_ascii=False)), timeout=ttl)


def cache_get(key: str) -> dict | None:
    return cached_blob(cache.get(key))


def cached_blob(token) -> dict | None:
    """A cached result, decrypted, or None when absent, unreadable or no longer valid."""
    if not token:
        return None
    try:
        blob = json.loads(crypto.decrypt(token))
    except ValueError:
        return None
    valid_until = parse_dt(blob.get("valid_until"))
    if valid_until is None or valid_until <= timezone.now():
        return None
    return blob
