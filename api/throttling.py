"""Per-IP rate limit of the open-data API (fixed one-minute window in the shared cache)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle


class PerIpMinuteThrottle(BaseThrottle):
    """settings.API_RATE_LIMIT_PER_MINUTE requests per client IP per minute; 0 disables it.

    The client is REMOTE_ADDR: X-Forwarded-For is not trusted (a client could forge it).
    Behind a reverse proxy, the proxy must set REMOTE_ADDR to the real client (docs/api.md).
    """

    def allow_request(self, request: HttpRequest) -> bool:
        limit = settings.API_RATE_LIMIT_PER_MINUTE
        if limit <= 0:
            return True
        window = int(time.time() // 60)
        key = f"rl:api:{request.META.get('REMOTE_ADDR', 'unknown')}:{window}"
        if cache.add(key, 1, timeout=70):
            return True
        try:
            return cache.incr(key) <= limit
        except ValueError:
            cache.add(key, 1, timeout=70)
            return True

    def wait(self) -> float:
        return 60 - (time.time() % 60)
