"""Whole-page caching for anonymous visitors, in front of URL routing (pages opt in).

A view (or a Wagtail page type) marks its response as cacheable with `mark_cacheable` (or the
`cache_for_anonymous` decorator, or the `anonymous_cache_seconds` attribute of a page class,
which portal's `on_serve_page` hook reads). `AnonymousPageCacheMiddleware` then keeps the body
and serves the next anonymous GET of the same URL, language and reading mode without routing
or rendering: Wagtail's routing alone costs several queries per page.

Freshness: every key includes `pages_version()` (a small file under VAR_DIR that portal bumps
when any Wagtail page is published, unpublished, moved or deleted, or a view restriction
changes) and the value of every registered version source (portal registers the catalogue's
`catalog_version`). So a published change is visible on the next request, in every process.
Data that changes without publishing (use counts, rating statistics) ages out after the
`seconds` the view gave. The emergency banner is not in the cached body: base.html holds a
placeholder that `participation`'s banner middleware, listed before this one, fills in on the
way out, so a banner shows on cached pages within PARTICIPATION_BANNER_SECONDS.

A page whose every request must be counted (search, under its rate limit) registers a gate
with `gate_register`: the middleware runs it before serving a kept copy.

Never cached: signed-in visitors, pending messages, POST, status other than 200, responses
that set a cookie, pages that used the visitor's own CSRF token (a page that needs a form
token for anonymous visitors puts `CSRF_PLACEHOLDER` in its context through `csrf_context`;
the visitor's token is swapped in on every hit), query parameters the view did not allow,
repeated parameters and URLs longer than 300 characters.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__PAGE_CSRF_TOKEN__"
LARGE_TEXT_COOKIE = "ywtb_large_text"
MAX_URL = 300
_MARK = "_anonymous_cache"

_version_sources: list[Callable[[], object]] = []
_gates: dict[str, Callable[[HttpRequest], HttpResponse | None]] = {}


def version_source_register(source: Callable[[], object]) -> None:
    """Add a version (a cheap callable) that every cached page's key includes."""
    if source not in _version_sources:
        _version_sources.append(source)


def gate_register(path: str, gate: Callable[[HttpRequest], HttpResponse | None]) -> None:
    """Run `gate` before a kept page of `path` is served: a response it returns (a rate
    limit's 429) is served instead. The view runs the same check on a miss."""
    _gates[path] = gate


def _version_path() -> Path:
    return Path(settings.VAR_DIR) / "public_pages.version"


def pages_version() -> str:
    try:
        return _version_path().read_text().strip() or "0"
    except OSError:
        return "0"


def pages_version_bump() -> None:
    """Make every cached public page stale (called on publish; a unique value, atomically)."""
    path = _version_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(str(time.time_ns()))
    os.replace(tmp, path)


def mark_cacheable(
    response: HttpResponse, *, seconds: int, params: Iterable[str] = ()
) -> HttpResponse:
    """Let the middleware keep this response for anonymous visitors for `seconds` at most."""
    setattr(response, _MARK, (seconds, frozenset(params)))
    return response


def cache_for_anonymous(*, seconds: int, params: Iterable[str] = ()):
    """Decorator form of `mark_cacheable` for function views."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            return mark_cacheable(view(request, *args, **kwargs), seconds=seconds, params=params)

        return wrapper

    return decorate


def csrf_context(request: HttpRequest) -> dict:
    """Context for a cacheable page with a form: the visitor's token is filled in afterwards.

    Empty (the ordinary token) when the middleware will not keep this request's page.
    """
    if getattr(request, "_page_cache_candidate", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


class _LocalPages:
    """A small per-process LRU in front of the shared cache (entries carry their expiry)."""

    def __init__(self, size: int = 256):
        self.size = size
        self.data: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            value = self.data.get(key)
            if value is None:
                return None
            if value[0] < time.monotonic():
                del self.data[key]
                return None
            self.data.move_to_end(key)
            return value[1]

    def set(self, key: str, value: tuple, seconds: int) -> None:
        with self.lock:
            self.data[key] = (time.monotonic() + seconds, value)
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


local_pages = _LocalPages()
# Paths (without query) this process has stored: other requests skip the look-up entirely.
_known_paths: set[str] = set()


def pagecache_forget() -> None:
    """Drop this process's copies (tests; the shared cache is cleared with the cache)."""
    local_pages.clear()
    _known_paths.clear()


def _candidate(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or len(request.get_full_path()) > MAX_URL:
        return False
    if any(len(values) > 1 for _key, values in request.GET.lists()):
        return False
    if request.user.is_authenticated:
        return False
    return not len(messages.get_messages(request))


def page_key(request: HttpRequest) -> str:
    large = "L" if request.COOKIES.get(LARGE_TEXT_COOKIE) == "1" else "N"
    versions = ":".join(str(source()) for source in _version_sources)
    raw = f"{pages_version()}:{versions}:{get_language()}:{large}:{request.get_full_path()}"
    return "pc:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> int:
    """Seconds to keep the response, or 0."""
    mark = getattr(response, _MARK, None)
    if mark is None or response.status_code != 200 or getattr(response, "streaming", False):
        return 0
    seconds, params = mark
    if any(key not in params for key in request.GET) or response.cookies:
        return 0
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and CSRF_PLACEHOLDER.encode() not in (
        response.content
    ):
        return 0  # the page carries this visitor's own token
    return seconds


def _respond(request: HttpRequest, entry: tuple) -> HttpResponse:
    content_type, body = entry
    response = HttpResponse(body, content_type=content_type)
    patch_vary_headers(response, ("Cookie",))
    return _fill_token(request, response)


def _fill_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Swap this visitor's CSRF token in for the placeholder (kept or not, every response)."""
    if getattr(response, "streaming", False) or CSRF_PLACEHOLDER.encode() not in response.content:
        return response
    response.content = response.content.replace(
        CSRF_PLACEHOLDER.encode(), get_token(request).encode()
    )
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


class AnonymousPageCacheMiddleware:
    """Serve and keep the opted-in pages of anonymous visitors (see the module docstring).

    List it after the emergency banner middleware, so the banner is filled in on hits too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = page_key(request) if _candidate(request) else None
        request._page_cache_candidate = key is not None
        if key is not None and request.path in _known_paths:
            entry = local_pages.get(key)
            if entry is None:
                stored = cache.get(key)
                if stored is not None and stored[0] > time.time():
                    entry = stored[1]
                    local_pages.set(key, entry, int(stored[0] - time.time()))
            if entry is not None:
                gate = _gates.get(request.path)
                refused = gate(request) if gate is not None else None
                return refused if refused is not None else _respond(request, entry)
        response = self.get_response(request)
        seconds = _storable(request, response) if key is not None else 0
        if not seconds:
            return _fill_token(request, response) if key is not None else response
        entry = (response["Content-Type"], response.content)
        cache.set(key, (time.time() + seconds, entry), seconds)
        local_pages.set(key, entry, seconds)
        if len(_known_paths) < 10_000:
            _known_paths.add(request.path)
        return _respond(request, entry)
