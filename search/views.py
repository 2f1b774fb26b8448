"""The search results page: parse input, call the selector, render."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from config.ratelimit import rate_limited
from search.selectors import CACHE_SECONDS, index_version, search_query
from services_catalog import content_language

LARGE_TEXT_COOKIE = "ywtb_large_text"


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    if rate_limited(request, scope="search", limit=settings.SEARCH_RATE_LIMIT_PER_MINUTE):
        response = render(request, "search/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    q = request.GET.get("q", "")[:200]
    doc_type = request.GET.get("type", "")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    # Anonymous visitors share whole pages (they carry no per-user data): the rate limit
    # above still counts every request, and the key's index version makes a publish
    # visible on the next request.
    version = index_version()
    page_key = _page_key(request, q, doc_type, page, version) if _page_cacheable(request) else None
    if page_key is not None:
        cached = cache.get(page_key)
        if cached is not None:
            return HttpResponse(cached)
    results = (
        search_query(q=q, doc_type=doc_type, page=page, version=version) if q.strip() else None
    )
    response = render(
        request,
        "search/results.html",
        {
            "q": q,
            "results": results,
            "results_html": _results_html(q, results),
            "page_title": "搜索",
            "content_language_notice": _language_notice(results),
        },
    )
    if page_key is not None and response.status_code == 200:
        cache.set(page_key, response.content, CACHE_SECONDS)
    return response


def _language_notice(results) -> str:
    """English mode: say once that results without an English name (and every summary, which
    publishers write in Chinese) are in Chinese only."""
    if results is None or not results.hits:
        return ""
    return content_language.language_notice(
        translated=[bool(hit.title_en) for hit in results.hits], complete=False
    )


def _page_cacheable(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and not len(messages.get_messages(request))


def _page_key(request: HttpRequest, q: str, doc_type: str, page: int, version: int) -> str:
    large = "L" if request.COOKIES.get(LARGE_TEXT_COOKIE) == "1" else "N"
    digest = hashlib.sha256(f"{q}\x00{doc_type}\x00{page}".encode()).hexdigest()[:32]
    return f"search:page:{version}:{get_language()}:{large}:{digest}"


def _results_html(q: str, results) -> str:
    """The results block, rendered once per (index version, language, query, type, page).

    It holds no per-user data (no CSRF token, no names), so visitors share it.
    """
    if results is None:
        return render_to_string("search/_results.html", {"q": q, "results": None})
    digest = hashlib.sha256(f"{q}\x00{results.doc_type}\x00{results.page}".encode()).hexdigest()[
        :32
    ]
    key = f"search:html:{results.version}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("search/_results.html", {"q": q, "results": results})
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 -- rendered by our autoescaping template
