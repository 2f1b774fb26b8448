"""A fixed-window, cache-based rate limit per client IP (the cache is Redis in production)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a reverse proxy, the proxy must set REMOTE_ADDR (docs/search.md)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(request: HttpRequest, *, scope: str, per_minute: int) -> bool:
    """Count this request; True when the client has gone over `per_minute` in the current minute."""
    if per_minute <= 0:
        return False
    window = int(time.time() // 60)
    key = f"rl:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=70):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=70)
        return False
    return count > per_minute
