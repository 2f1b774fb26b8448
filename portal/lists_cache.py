"""Whole-page caching of the public list pages for anonymous visitors.

Pages are cached under lists_version() and the catalogue's version (power entry pages show
the services that exercise them), so publishing, unpublishing or deleting a list entry or a
guide makes the next request render fresh content. The version lives in a small file under
VAR_DIR, shared by every process on the host (the default cache may be per-process). Only
anonymous GET requests with known, single-valued filter parameters (no free-text ``q``) and
no pending messages are cached; the visitor's own CSRF token is swapped in on every hit.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from services_catalog.selectors import catalog_version

CSRF_PLACEHOLDER = "__PL_CSRF_TOKEN__"
KEY_PARAMS = {"department", "type", "level", "category", "audience", "stage", "page"}
LARGE_TEXT_COOKIE = "ywtb_large_text"


def _version_path() -> Path:
    return Path(settings.VAR_DIR) / "portal_lists.version"


def lists_version() -> str:
    try:
        return _version_path().read_text().strip() or "0"
    except OSError:
        return "0"


def lists_version_bump() -> None:
    """Called when public list content changes (publish, unpublish, delete, bulk loads)."""
    path = _version_path()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(str(time.time_ns()))
    os.replace(tmp, path)


def _catalogue_version() -> str:
    return str(catalog_version())


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if any(k not in KEY_PARAMS for k in request.GET) or len(request.get_full_path()) > 300:
        return False
    if any(len(values) > 1 for _key, values in request.GET.lists()):
        return False
    return not len(messages.get_messages(request))


def _key(request: HttpRequest) -> str:
    large = "L" if request.COOKIES.get(LARGE_TEXT_COOKIE) == "1" else "N"
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"pl:page:{lists_version()}:{_catalogue_version()}:{get_language()}:{large}:{digest}"


def cached_for_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache the view's 200 responses for anonymous visitors (see module docstring).

    The view must render with ``csrf_context(request)`` merged into its context.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _key(request) if _cacheable(request) else None
        cached = cache.get(key) if key else None
        if cached is None:
            request._lists_page_cacheable = key is not None
            response = view(request, *args, **kwargs)
            if key is None or response.status_code != 200:
                return response
            cached = (response["Content-Type"], response.content)
            cache.set(key, cached, settings.LISTS_PAGE_CACHE_SECONDS)
        content_type, body = cached
        if CSRF_PLACEHOLDER.encode() in body:
            body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(body, content_type=content_type)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    return wrapper


def csrf_context(request: HttpRequest) -> dict:
    """Put a placeholder CSRF token in cacheable pages; the real one is filled in per visitor."""
    if getattr(request, "_lists_page_cacheable", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}
