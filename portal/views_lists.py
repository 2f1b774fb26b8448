"""Public pages of the four lists (四张清单): thin views over portal.selectors."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Department
from config.ratelimit import rate_limited
from portal import selectors
from portal.lists_cache import cached_for_anonymous, csrf_context
from portal.models.lists import POWER_TYPE_CHOICES, NegativeCategory, ResponsibilityStage
from services_catalog.constants import Audience, ExerciseLevel

PAGE_SIZE = 20
SERVICES_SHOWN = 12
EXPORT_MAX_ROWS = 50_000


def _param(request: HttpRequest, name: str, allowed: Iterable[str] | None = None) -> str:
    value = request.GET.get(name, "")
    value = value if isinstance(value, str) else ""
    value = value.strip()[:60]
    if allowed is not None and value not in allowed:
        return ""
    return value


def _departments() -> list[tuple[str, str]]:
    return list(Department.objects.order_by("name").values_list("code", "name"))


def _page(request: HttpRequest, qs):
    paginator = Paginator(qs, PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@cached_for_anonymous
def lists_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/lists/index.html",
        {**csrf_context(request), "counts": selectors.list_counts_public()},
    )


# --- 权力清单 -----------------------------------------------------------------------------------


def _power_filters(request: HttpRequest) -> dict:
    return {
        "department": _param(request, "department"),
        "power_type": _param(request, "type", [c for c, _l in POWER_TYPE_CHOICES]),
        "level": _param(request, "level", ExerciseLevel.values),
        "q": selectors.clean_query(request.GET.get("q", "")),
    }


@require_GET
@cached_for_anonymous
def power_list(request: HttpRequest) -> HttpResponse:
    filters = _power_filters(request)
    page = _page(request, selectors.power_entries_public(**filters))
    return render(
        request,
        "portal/lists/power_list.html",
        {
            **csrf_context(request),
            "page_obj": page,
            "filters": filters,
            "departments": _departments(),
            "types": POWER_TYPE_CHOICES,
            "levels": ExerciseLevel.choices,
            "querystring": _querystring(request),
        },
    )


@require_GET
@cached_for_anonymous
def power_detail(request: HttpRequest, code: str) -> HttpResponse:
    entry = selectors.power_entry_get_public(code=code)
    if entry is None:
        raise Http404
    services = selectors.services_exercising_power(code=entry.code)
    return render(
        request,
        "portal/lists/power_detail.html",
        {**csrf_context(request), "entry": entry, "services": services},
    )


POWER_EXPORT_HEADERS = [
    "实施编码",
    "基本编码",
    "事项名称",
    "事项类型",
    "实施主体",
    "统一社会信用代码",
    "行使层级",
    "承办机构",
    "设定依据",
    "法定办结时限（工作日）",
    "承诺办结时限（工作日）",
    "是否收费",
    "收费依据",
    "监督电话",
    "办事流程",
]


def _labels(choices) -> dict[str, str]:
    """Resolve lazy choice labels once per export (get_FOO_display per row is slow)."""
    return {code: str(label) for code, label in choices}


def _power_rows(qs) -> Iterator[list]:
    types, levels = _labels(POWER_TYPE_CHOICES), _labels(ExerciseLevel.choices)
    rows = selectors.power_entries_with_legal_bases(qs)[:EXPORT_MAX_ROWS]
    for e in rows.iterator(chunk_size=2000):
        yield [
            e.code,
            e.basic_code,
            e.name,
            types.get(e.power_type, e.power_type),
            e.department.name,
            e.department.uscc,
            levels.get(e.exercise_level, e.exercise_level),
            e.handling_office,
            "；".join(str(b) for b in e.legal_bases.all()),
            e.legal_limit_days if e.legal_limit_days is not None else "",
            e.promised_limit_days if e.promised_limit_days is not None else "",
            "是" if e.charges_fee else "否",
            e.fee_basis,
            e.supervise_phone,
            e.process_summary,
        ]


def _safe_cell(value):
    """Neutralise spreadsheet formulas typed into list fields (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def _csv_response(filename: str, headers: list[str], rows: Iterator[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff" + writer.writerow(headers)
        for row in rows:
            yield writer.writerow([_safe_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_response(
    filename: str, title: str, headers: list[str], rows: Iterator[list]
) -> HttpResponse:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.append(headers)
    for row in rows:
        sheet.append([_safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _export(
    fmt: str, filename: str, title: str, headers: list[str], rows: Iterator[list]
) -> HttpResponse:
    if fmt == "csv":
        return _csv_response(filename, headers, rows)
    if fmt == "xlsx":
        return _xlsx_response(filename, title, headers, rows)
    raise Http404


@require_GET
def power_export(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = selectors.power_entries_public(**_power_filters(request))
    return _export(fmt, "power-list", "权力清单", POWER_EXPORT_HEADERS, _power_rows(qs))


# --- 责任清单 -----------------------------------------------------------------------------------


def _responsibility_filters(request: HttpRequest) -> dict:
    return {
        **_power_filters(request),
        "stage": _param(request, "stage", ResponsibilityStage.values),
    }


@require_GET
@cached_for_anonymous
def responsibility_list(request: HttpRequest) -> HttpResponse:
    filters = _responsibility_filters(request)
    page = _page(request, selectors.responsibility_items_public(**filters))
    return render(
        request,
        "portal/lists/responsibility_list.html",
        {
            **csrf_context(request),
            "page_obj": page,
            "filters": filters,
            "departments": _departments(),
            "types": POWER_TYPE_CHOICES,
            "levels": ExerciseLevel.choices,
            "stages": ResponsibilityStage.choices,
            "querystring": _querystring(request),
        },
    )


@require_GET
@cached_for_anonymous
def responsibility_detail(request: HttpRequest, code: str) -> HttpResponse:
    entry = selectors.power_entry_get_public(code=code)
    if entry is None:
        raise Http404
    return render(
        request,
        "portal/lists/responsibility_detail.html",
        {**csrf_context(request), "entry": entry},
    )


RESPONSIBILITY_EXPORT_HEADERS = [
    "实施编码",
    "事项名称",
    "事项类型",
    "实施主体",
    "环节",
    "责任事项",
    "追责情形",
    "问责依据",
]


@require_GET
def responsibility_export(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = selectors.responsibility_items_public(**_responsibility_filters(request))
    types = _labels(POWER_TYPE_CHOICES)

    def rows():
        for r in qs[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
            yield [
                r.power.code,
                r.power.name,
                types.get(r.power.power_type, r.power.power_type),
                r.power.department.name,
                r.stage,
                r.duty,
                r.accountability,
                r.accountability_basis,
            ]

    return _export(fmt, "responsibility-list", "责任清单", RESPONSIBILITY_EXPORT_HEADERS, rows())


# --- 负面清单 -----------------------------------------------------------------------------------


def _negative_filters(request: HttpRequest) -> dict:
    return {
        "category": _param(request, "category", NegativeCategory.values),
        "department": _param(request, "department"),
        "q": selectors.clean_query(request.GET.get("q", "")),
    }


@require_GET
@cached_for_anonymous
def negative_list(request: HttpRequest) -> HttpResponse:
    filters = _negative_filters(request)
    page = _page(request, selectors.negative_items_public(**filters))
    return render(
        request,
        "portal/lists/negative_list.html",
        {
            **csrf_context(request),
            "page_obj": page,
            "filters": filters,
            "departments": _departments(),
            "categories": NegativeCategory.choices,
            "querystring": _querystring(request),
        },
    )


@require_GET
@cached_for_anonymous
def negative_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.negative_item_get_public(code=code)
    if item is None:
        raise Http404
    services = selectors.services_for_codes(codes=item.service_code_list)
    return render(
        request,
        "portal/lists/negative_detail.html",
        {
            **csrf_context(request),
            "item": item,
            "services": [services[c] for c in item.service_code_list if c in services],
        },
    )


NEGATIVE_EXPORT_HEADERS = [
    "类别",
    "项目号",
    "事项编码",
    "禁止或许可事项",
    "措施描述",
    "主管部门",
    "地方性许可事项",
]


@require_GET
def negative_export(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = selectors.negative_items_public(**_negative_filters(request))
    categories = _labels(NegativeCategory.choices)

    def rows():
        for i in qs[:EXPORT_MAX_ROWS]:
            yield [
                categories.get(i.category, i.category),
                i.item_no,
                i.code,
                i.name,
                "\n".join(m.text for m in i.measures.all()),
                i.competent_authority,
                i.local_permit,
            ]

    return _export(fmt, "negative-list", "负面清单", NEGATIVE_EXPORT_HEADERS, rows())


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
    result = selectors.negative_lookup(query=raw)
    codes = [c for item in result.permit_items for c in item.service_code_list]
    services = selectors.services_for_codes(codes=codes)
    permits = [
        (item, [services[c] for c in item.service_code_list if c in services])
        for item in result.permit_items
    ]
    return render(
        request,
        "portal/lists/negative_check.html",
        {
            "result": result,
            "permits": permits,
            "examples": ["网吧", "开药店", "烟草", "开饭店", "奶茶店"],
        },
    )


# --- 公共服务事项清单 ---------------------------------------------------------------------------


def _public_service_filters(request: HttpRequest) -> dict:
    return {
        "department": _param(request, "department"),
        "audience": _param(request, "audience", Audience.values),
        "level": _param(request, "level", ExerciseLevel.values),
        "q": selectors.clean_query(request.GET.get("q", "")),
    }


@require_GET
@cached_for_anonymous
def public_service_list(request: HttpRequest) -> HttpResponse:
    filters = _public_service_filters(request)
    page = _page(request, selectors.public_service_entries_public(**filters))
    return render(
        request,
        "portal/lists/public_service_list.html",
        {
            **csrf_context(request),
            "page_obj": page,
            "filters": filters,
            "departments": _departments(),
            "audiences": Audience.choices,
            "levels": ExerciseLevel.choices,
            "querystring": _querystring(request),
        },
    )


@require_GET
@cached_for_anonymous
def public_service_detail(request: HttpRequest, code: str) -> HttpResponse:
    entry = selectors.public_service_entry_get_public(code=code)
    if entry is None:
        raise Http404
    service = selectors.services_for_codes(codes=[entry.service_code]).get(entry.service_code)
    return render(
        request,
        "portal/lists/public_service_detail.html",
        {**csrf_context(request), "entry": entry, "service": service},
    )


PUBLIC_SERVICE_EXPORT_HEADERS = [
    "事项实施编码",
    "事项名称",
    "实施主体",
    "服务对象",
    "行使层级",
    "设定依据",
    "服务内容",
]


@require_GET
def public_service_export(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = selectors.public_service_entries_public(**_public_service_filters(request))
    audiences, levels = _labels(Audience.choices), _labels(ExerciseLevel.choices)

    def rows():
        for e in qs[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
            yield [
                e.service_code,
                e.name,
                e.department.name,
                audiences.get(e.audience, e.audience),
                levels.get(e.exercise_level, e.exercise_level),
                e.basis,
                e.description,
            ]

    return _export(
        fmt, "public-service-list", "公共服务事项清单", PUBLIC_SERVICE_EXPORT_HEADERS, rows()
    )
