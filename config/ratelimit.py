"""The portal's one rate limiter: a fixed window per client and scope, counted in the shared cache.

Every public look-up and login-adjacent form calls :func:`rate_limited`; the cache is Redis in
production, so the count is shared by every web process. The client is ``REMOTE_ADDR``:
``X-Forwarded-For`` is not trusted (a client could forge it). Behind a reverse proxy, the proxy
must set ``REMOTE_ADDR`` to the real client (docs/configuration.md).
"""

from __future__ import annotations

import weakref

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The peer address, or ``unknown`` when the server gave none."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(
    request: HttpRequest,
    *,
    scope: str,
    limit: int,
    window_seconds: int = 60,
    key: str | None = None,
) -> bool:
    """Count this request; True once the client has gone over ``limit`` in the current window.

    The window opens at the client's first request in ``scope`` and lasts ``window_seconds``.
    ``key`` replaces the client address when the limit is per account rather than per client.
    A ``limit`` of 0 or less switches the limit off.
    """
    if limit <= 0:
        return False
    cache_key = f"rl:{scope}:{key or client_ip(request)}"
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        return _count_on_redis(backend, cache_key, window_seconds) > limit
    if cache.add(cache_key, 1, timeout=window_seconds):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return False
    return count > limit


# One atomic command: count this request, and open the window (its expiry) on the first one.
_COUNT_SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""
_counters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _count_on_redis(backend: RedisCache, cache_key: str, window_seconds: int) -> int:
    """The same window in one round trip (a server-side script, EVALSHA), with one client per
    cache backend (each thread has its own). Through the cache API it cost three round trips
    (SET NX, EXISTS, INCRBY) and two new client objects."""
    counter = _counters.get(backend)
    if counter is None:
        counter = backend._cache.get_client(write=True).register_script(_COUNT_SCRIPT)
        _counters[backend] = counter
    return int(counter(keys=[backend.make_and_validate_key(cache_key)], args=[window_seconds]))


def seconds_until_reset(window_seconds: int = 60) -> int:
    """A conservative Retry-After: the whole window."""
    return window_seconds
