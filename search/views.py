"""The search results page: parse input, call the selector, render."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.constants import DocType
from search.ratelimit import rate_limited
from search.selectors import search_query


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    if rate_limited(request, scope="search", per_minute=settings.SEARCH_RATE_LIMIT_PER_MINUTE):
        response = render(request, "search/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    q = request.GET.get("q", "")[:200]
    doc_type = request.GET.get("type", "")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    results = search_query(q=q, doc_type=doc_type, page=page) if q.strip() else None
    return render(
        request,
        "search/results.html",
        {"q": q, "results": results, "doc_types": DocType.choices, "page_title": "搜索"},
    )
