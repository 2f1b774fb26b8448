"""The one rate limiter (config/ratelimit.py), on whichever cache the run has: locmem here,
Redis in CI, where the count is one script call (EVALSHA) instead of three commands."""

from __future__ import annotations

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from config.ratelimit import rate_limited


def _request(ip: str = "10.1.2.3"):
    return RequestFactory().get("/", REMOTE_ADDR=ip)


def test_the_request_over_the_limit_is_refused_and_others_are_counted_apart():
    verdicts = [rate_limited(_request(), scope="t", limit=2, window_seconds=60) for _ in range(4)]
    assert verdicts == [False, False, True, True]
    assert rate_limited(_request("10.9.9.9"), scope="t", limit=2, window_seconds=60) is False
    assert rate_limited(_request(), scope="other", limit=2, window_seconds=60) is False
    assert rate_limited(_request(), scope="t", limit=2, key="account-7") is False


def test_the_count_is_kept_in_the_shared_cache_for_the_window():
    for _ in range(3):
        rate_limited(_request(), scope="w", limit=10, window_seconds=60)
    assert cache.get("rl:w:10.1.2.3") == 3
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):  # the window's expiry is set once, when it opens
        key = backend.make_and_validate_key("rl:w:10.1.2.3")
        assert 0 < backend._cache.get_client(key).ttl(key) <= 60


def test_a_limit_of_zero_switches_it_off():
    assert not any(rate_limited(_request(), scope="z", limit=0) for _ in range(5))
