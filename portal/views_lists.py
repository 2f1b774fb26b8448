"""Public pages of the four lists (四张清单): thin views driven by ``portal.list_kinds``."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Department
from config.pagecache import cache_for_anonymous, csrf_context
from config.ratelimit import rate_limited
from portal import selectors
from portal.list_kinds import NEGATIVE, POWER, PUBLIC_SERVICE, ListKind, filter_values
from portal.services.exports import csv_lines, list_export_rows, xlsx_bytes

PAGE_SIZE = 20
# Anonymous visitors' pages are kept whole (config.pagecache) when their query uses only the
# filters below, once each: the free-text ``q`` and random parameters render fresh. Publishing a
# list entry bumps the public pages' version, and the key includes the catalogue's version (an
# entry's page shows the services that exercise it).
KEEP = {
    "seconds": settings.LISTS_PAGE_CACHE_SECONDS,
    "params": ("department", "type", "level", "category", "audience", "stage", "page"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest, kind: ListKind) -> dict:
    return filter_values(kind, request.GET.get)


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@cache_for_anonymous(**KEEP)
def lists_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/lists/index.html",
        {**csrf_context(request), "counts": selectors.list_counts_public()},
    )


@require_GET
@cache_for_anonymous(**KEEP)
def list_page(request: HttpRequest, *, kind: ListKind) -> HttpResponse:
    """One page of a list's public rows, with its filter form."""
    filters = _filters(request, kind)
    page = Paginator(kind.items(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    choices = {f.context: f.choices for f in kind.filters if f.context}
    return render(
        request,
        f"portal/lists/{kind.template}_list.html",
        {
            **csrf_context(request),
            **choices,
            "list_kind": kind,
            "page_obj": page,
            "filters": filters,
            "departments": list(Department.objects.order_by("name").values_list("code", "name")),
            "querystring": _querystring(request),
        },
    )


def _detail_context(kind: ListKind, record) -> dict:
    """What a detail page shows beside the record: the catalogue services it leads to."""
    if kind is POWER:
        return {"entry": record, "services": selectors.services_exercising_power(code=record.code)}
    if kind is NEGATIVE:
        services = selectors.services_for_codes(codes=record.service_code_list)
        linked = [services[c] for c in record.service_code_list if c in services]
        return {"item": record, "services": linked}
    if kind is PUBLIC_SERVICE:
        code = record.service_code
        return {"entry": record, "service": selectors.services_for_codes(codes=[code]).get(code)}
    return {"entry": record}


@require_GET
@cache_for_anonymous(**KEEP)
def detail_page(request: HttpRequest, code: str, *, kind: ListKind) -> HttpResponse:
    record = kind.item_get(code=code)
    if record is None:
        raise Http404
    return render(
        request,
        f"portal/lists/{kind.template}_detail.html",
        {**csrf_context(request), **_detail_context(kind, record)},
    )


@require_GET
def export(request: HttpRequest, fmt: str, *, kind: ListKind) -> HttpResponse:
    """The filtered list as CSV (streamed) or XLSX, bounded at EXPORT_MAX_ROWS rows."""
    rows = list_export_rows(kind=kind, filters=_filters(request, kind))
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(kind.export_headers, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(kind.label, kind.export_headers, rows), XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{kind.export_filename}.{fmt}"'
    return response


@require_GET
def negative_check(request: HttpRequest) -> HttpResponse:
    """能不能做这个生意? 禁止 / 需许可 / 未列入."""
    raw = request.GET.get("q", "")
    if raw and rate_limited(
        request, scope="negative-check", limit=settings.LISTS_LOOKUP_RATE_PER_MINUTE
    ):
        response = render(request, "portal/lists/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    result = selectors.negative_lookup(query=raw, industry=request.GET.get("industry", ""))
    codes = [c for item in result.permit_items for c in item.service_code_list]
    services = selectors.services_for_codes(codes=codes)
    matches = [
        (m, [services[c] for c in m.item.service_code_list if c in services])
        for m in result.matches
    ]
    return render(
        request,
        "portal/lists/negative_check.html",
        {
            "result": result,
            "matches": matches,
            "examples": ["卖烟花爆竹", "开超市", "游戏厅", "开药店", "开民宿"],
        },
    )
