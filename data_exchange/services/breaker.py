"""The per-department circuit breaker, kept in the cache shared by web and workers."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def breaker_key(department_code: str) -> str:
    return f"dx:breaker:{department_code}"


def breaker_is_open(state: dict | None) -> bool:
    """Whether a breaker state (as stored under `breaker_key`) refuses calls now."""
    return (state or {}).get("open_until", 0) > time.time()


def breaker_allows(department_code: str) -> bool:
    return not breaker_is_open(cache.get(breaker_key(department_code)))


def breaker_state(department_code: str) -> str:
    state = cache.get(breaker_key(department_code)) or {}
    if breaker_is_open(state):
        return "open"
    return (
        "half_open"
        if state.get("failures", 0) >= settings.DATA_EXCHANGE_BREAKER_THRESHOLD
        else "closed"
    )


def breaker_record(department_code: str, *, ok: bool) -> None:
    key = breaker_key(department_code)
    if ok:
        cache.delete(key)
        return
    state = cache.get(key) or {"failures": 0, "open_until": 0}
    state["failures"] = state.get("failures", 0) + 1
    if state["failures"] >= settings.DATA_EXCHANGE_BREAKER_THRESHOLD:
        state["open_until"] = time.time() + settings.DATA_EXCHANGE_BREAKER_COOLDOWN
    cache.set(key, state, timeout=3600)


def breaker_reset(department_code: str) -> None:
    cache.delete(breaker_key(department_code))
