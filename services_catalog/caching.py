"""Whole-page caching of the public catalogue for anonymous visitors.

Pages are cached under catalog_version(), so publishing, unpublishing or deleting a guide
(which bumps the version) makes the next request render fresh content. Only anonymous GET
requests without pending messages are served from the cache. The per-visitor CSRF token in
the page chrome (language switch) is swapped in on every hit, so the cached HTML never
carries someone else's token.
"""

from __future__ import annotations

import hashlib
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
    return not len(messages.get_messages(request))


def page_key(request: HttpRequest) -> str:
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"sc:page:{catalog_version()}:{get_language()}:{digest}"


def anonymous_cached_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve `render()`'s response, from the cache for anonymous visitors (status 200 only).

    `render` must put CSRF_PLACEHOLDER in the template context as `csrf_token`
    (see `page_context`); the real token of this visitor replaces it on the way out.
    """
    cached = None
    key = None
    if _cacheable(request):
        key = page_key(request)
        cached = cache.get(key)
    if cached is None:
        response = render()
        cached = (response.status_code, response["Content-Type"], response.content.decode())
        if key is not None and response.status_code == 200:
            cache.set(key, cached, settings.SERVICES_CATALOG_PAGE_CACHE_SECONDS)
    status, content_type, body = cached
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(body, status=status, content_type=content_type)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def page_context(context: dict) -> dict:
    """Context for a cacheable page: the CSRF token is filled in per visitor afterwards."""
    return {**context, "csrf_token": CSRF_PLACEHOLDER}
