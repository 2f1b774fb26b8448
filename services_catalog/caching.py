"""Whole-page caching of the public catalogue for anonymous visitors.

Pages are cached under catalog_version(), so publishing, unpublishing or deleting a guide
(which bumps the version) makes the next request render fresh content. Only anonymous GET
requests without pending messages are served from the cache. The per-visitor CSRF token in
the page chrome (language switch) is swapped in on every hit, so the cached HTML never
carries someone else's token.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from services_catalog.selectors import catalog_version

CSRF_PLACEHOLDER = "__SC_CSRF_TOKEN__"


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    if any(k not in KEY_PARAMS for k in request.GET) or len(request.get_full_path()) > 300:
        return False
    if any(len(values) > 1 for _key, values in request.GET.lists()):
        return False
    return not len(messages.get_messages(request))


# Only pages whose query uses these parameters (once each, short values) are cached, so random
# query strings cannot flood the cache; other requests are rendered fresh.
KEY_PARAMS = {"audience", "theme", "department", "event", "page"}
# Per-visitor display choices that change the page chrome (portal's 长者大字版 cookie).
LARGE_TEXT_COOKIE = "ywtb_large_text"


def page_key(request: HttpRequest) -> str:
    large = "L" if request.COOKIES.get(LARGE_TEXT_COOKIE) == "1" else "N"
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"sc:page:{catalog_version()}:{get_language()}:{large}:{digest}"


class _LocalPages:
    """A small per-process LRU of rendered pages in front of the shared cache.

    Keys include the catalogue version, so entries of an older version are simply never
    asked for again; the shared version lookup stays on every request, which keeps a
    publish visible on the next request in every process.
    """

    def __init__(self, size: int = 256):
        self.size = size
        self.data: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def set(self, key: str, value: tuple) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


local_pages = _LocalPages()


def anonymous_cached_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve `render()`'s response, from the cache for anonymous visitors (status 200 only).

    `render` must put CSRF_PLACEHOLDER in the template context as `csrf_token`
    (see `page_context`); the real token of this visitor replaces it on the way out.
    """
    cached = None
    key = None
    if _cacheable(request):
        key = page_key(request)
        cached = local_pages.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                local_pages.set(key, cached)
    if cached is None:
        response = render()
        cached = (response.status_code, response["Content-Type"], response.content)
        if key is not None and response.status_code == 200:
            cache.set(key, cached, settings.SERVICES_CATALOG_PAGE_CACHE_SECONDS)
            local_pages.set(key, cached)
    status, content_type, body = cached
    if isinstance(body, str):
        body = body.encode()
    if CSRF_PLACEHOLDER.encode() in body:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(body, status=status, content_type=content_type)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def page_context(context: dict) -> dict:
    """Context for a cacheable page: the CSRF token is filled in per visitor afterwards."""
    return {**context, "csrf_token": CSRF_PLACEHOLDER}
