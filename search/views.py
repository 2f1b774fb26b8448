"""The search results page: parse input, call the selector, render."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from config.pagecache import mark_cacheable
from config.ratelimit import rate_limited
from search.selectors import CACHE_SECONDS, search_query
from services_catalog import content_language


def refused(request: HttpRequest) -> HttpResponse | None:
    """The 429 page once this client is over the search rate limit, else None (counts the
    request). Also run by the page cache before it serves a kept result page."""
    if not rate_limited(request, scope="search", limit=settings.SEARCH_RATE_LIMIT_PER_MINUTE):
        return None
    response = render(request, "search/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    too_many = refused(request)
    if too_many is not None:
        return too_many
    q = request.GET.get("q", "")[:200]
    doc_type = request.GET.get("type", "")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    results = search_query(q=q, doc_type=doc_type, page=page) if q.strip() else None
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
    # Anonymous visitors share whole result pages through config.pagecache (served before
    # routing; the rate limit above still counts every request through the registered gate).
    # A change of the index bumps the pages' version, so a publish shows on the next request.
    return mark_cacheable(response, seconds=CACHE_SECONDS, params=("q", "type", "page"))


def _language_notice(results) -> str:
    """English mode: say once that results without an English name (and every summary, which
    publishers write in Chinese) are in Chinese only."""
    if results is None or not results.hits:
        return ""
    return content_language.language_notice(
        translated=[bool(hit.title_en) for hit in results.hits], complete=False
    )


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
