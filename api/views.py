"""The read-only open-data API (/api/v1/): services with their guides, and the four lists.

Thin: validate the query, call services_catalog/portal selectors, shape the response.
Only live (approved) records are served; nothing personal exists in these records.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger

from api import schemas as s
from api.statistics import router as statistics_router
from api.throttling import PerIpMinuteThrottle
from portal import selectors as lists
from services_catalog import selectors as catalog

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

api = NinjaAPI(
    title="一网通办开放数据接口",
    version="1.0.0",
    description=(
        "只读接口：办事指南（含申请材料）与四张清单（权力清单、责任清单、市场准入负面清单、公共服务事项清单）。"
        "仅提供已审核发布的内容；分页参数 page（从 1 开始）与 page_size（≤100）；每个 IP 每分钟限流。"
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[PerIpMinuteThrottle()],
)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled):
    response = api.create_response(
        request, {"detail": "请求过于频繁，请一分钟后再试。", "code": "rate_limited"}, status=429
    )
    response["Retry-After"] = str(int(exc.wait or 60)) if getattr(exc, "wait", None) else "60"
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, {"detail": "请求参数无效。", "code": "invalid", "errors": exc.errors}, status=422
    )


class PageIn(Schema):
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def _page(qs, params: PageIn, convert) -> dict:
    if params.page < 1:
        raise HttpError(400, "page 必须是从 1 开始的整数。")
    if not 1 <= params.page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, f"page_size 必须在 1 到 {MAX_PAGE_SIZE} 之间。")
    count = qs.count() if isinstance(qs, QuerySet) else len(qs)
    start = (params.page - 1) * params.page_size
    rows = list(qs[start : start + params.page_size])
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "num_pages": max(1, -(-count // params.page_size)),
        "items": convert(rows),
    }


def _dept(department) -> dict | None:
    if department is None:
        return None
    return {"code": department.code, "name": department.name}


def _doc_url(document) -> str | None:
    return document.url if document is not None else None


# --- services (办事指南) -------------------------------------------------------------------------

services = Router(tags=["办事指南"])


def _service(item) -> dict:
    return {
        "code": item.code,
        "basic_code": item.basic_code,
        "name": item.name,
        "item_type": item.item_type,
        "item_type_name": item.get_item_type_display(),
        "audience": item.audience,
        "department": _dept(item.department),
        "online": item.online,
        "legal_limit_days": item.legal_limit_days,
        "promised_limit_days": item.promised_limit_days,
        "visits": item.visits,
        "url": f"/services/{item.code}/",
        "guide_pdf_url": f"/services/{item.code}/guide.pdf",
    }


def _material(m) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "form": m.form,
        "form_name": m.get_form_display(),
        "original_count": m.original_count,
        "copy_count": m.copy_count,
        "paper_size": m.paper_size,
        "necessity": m.necessity,
        "necessity_name": m.get_necessity_display(),
        "source": m.source,
        "source_name": m.get_source_display(),
        "issuer": m.issuer,
        "note": m.note,
        "acceptance_standard": m.acceptance_standard,
        "legal_basis": m.legal_basis,
        "fill_notes": m.fill_notes,
        "exempt_by_data_sharing": bool(m.evidence_type),
        "evidence_type": m.evidence_type,
        "commitment_allowed": m.commitment_allowed,
        "blank_form_url": _doc_url(m.blank_form),
        "sample_form_url": _doc_url(m.sample_form),
    }


class ServiceFilters(Schema):
    audience: str = ""
    department: str = ""
    theme: str = ""
    life_event: str = ""
    type: str = ""


class ServicePage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[s.ServiceOut]


SERVICE_CACHE_SECONDS = 600


def _cached_json(request: HttpRequest, build) -> HttpResponse:
    """Serve a catalogue response from the cache, keyed by the catalogue version and the query.

    catalog_version() changes on every publish/unpublish, so a change is visible on the next
    request; the body is the same JSON the schema would produce (built by the same code).
    """
    query = "&".join(f"{k}={v}" for k, v in sorted(request.GET.items()))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    key = f"api:v1:{catalog.catalog_version()}:{digest}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(build(), cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        cache.set(key, body, SERVICE_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@services.get("/", response={200: ServicePage, 400: s.ErrorOut}, summary="办事指南列表")
def service_list(request, filters: Query[ServiceFilters], paging: Query[PageIn]):
    """按服务对象（person/business）、部门代码、服务主题、一件事和事项类型（A.1 代码）筛选。"""
    return _cached_json(request, lambda: _service_list(filters, paging))


def _service_list(filters: ServiceFilters, paging: PageIn) -> dict:
    resolved, errors = catalog.browse_filters_resolve(
        audience=filters.audience,
        theme=filters.theme,
        department=filters.department,
        life_event=filters.life_event,
    )
    if errors:
        raise HttpError(400, "；".join(errors))
    qs = catalog.services_for_browse(
        audience=resolved.audience,
        theme=resolved.theme,
        department=resolved.department,
        life_event=resolved.life_event,
    )
    if filters.type:
        qs = qs.filter(item_type=filters.type)
    return _page(qs, paging, lambda rows: [_service(r) for r in rows])


@services.get(
    "/{code}",
    response={200: s.ServiceDetailOut, 404: s.ErrorOut},
    summary="办事指南详情（一次告知）",
)
def service_detail(request, code: str):
    item = catalog.service_get_live(code=code)
    if item is None:
        raise HttpError(404, "没有找到该事项，或该事项未发布。")
    data = _service(item)
    data.update(
        {
            "version": item.version,
            "power_code": item.power_code,
            "legal_basis": item.legal_basis,
            "exercise_level": item.exercise_level,
            "handling_office": item.handling_office,
            "joint_mode": item.joint_mode,
            "scope": item.scope,
            "service_objects": item.service_objects or [],
            "themes": [t.name for t in item.themes.all()],
            "life_events": [e.name for e in item.life_events.all()],
            "conditions": item.conditions,
            "process_steps": item.process_steps or [],
            "special_procedures": item.special_procedures,
            "intermediary_services": item.intermediary_services,
            "quantity_limit": item.quantity_limit,
            "limit_note": item.limit_note,
            "case_type": item.case_type,
            "case_type_name": item.get_case_type_display(),
            "charges_fee": item.charges_fee,
            "fee_basis": item.fee_basis,
            "handling_forms": item.handling_forms or [],
            "appointment": item.appointment,
            "online_payment": item.online_payment,
            "express": item.express,
            "location": item.location,
            "office_hours": item.office_hours,
            "consult_phone": item.consult_phone,
            "supervise_phone": item.supervise_phone,
            "faq": item.faq or [],
            "result_name": item.result_name,
            "allows_tolerance": item.allows_tolerance,
            "allows_commitment": item.allows_commitment,
            "materials": [_material(m) for m in item.materials.all()],
        }
    )
    return data


# --- 权力清单 -----------------------------------------------------------------------------------

power = Router(tags=["权力清单"])


class ListFilters(Schema):
    department: str = ""
    category: str = ""
    level: str = ""
    q: str = ""


def _power(entry) -> dict:
    return {
        "code": entry.code,
        "basic_code": entry.basic_code,
        "name": entry.name,
        "power_type": entry.power_type,
        "power_type_name": entry.get_power_type_display(),
        "department": _dept(entry.department),
        "exercise_level": entry.exercise_level,
        "exercise_level_name": entry.get_exercise_level_display(),
        "url": f"/lists/power/{entry.code}/",
    }


def _responsibility(item) -> dict:
    return {
        "stage": item.stage,
        "duty": item.duty,
        "accountability": item.accountability,
        "accountability_basis": item.accountability_basis,
    }


class PowerPage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[s.PowerOut]


@power.get("/", response=PowerPage, summary="权力清单")
def power_list(request, filters: Query[ListFilters], paging: Query[PageIn]):
    """category 为事项类型代码（01 行政许可 … 10 其他行政权力），level 为行使层级代码（A.2）。"""
    qs = lists.power_entries_public(
        department=filters.department, power_type=filters.category, level=filters.level, q=filters.q
    )
    return _page(qs, paging, lambda rows: [_power(r) for r in rows])


@power.get("/{code}", response={200: s.PowerDetailOut, 404: s.ErrorOut}, summary="权力事项详情")
def power_detail(request, code: str):
    entry = lists.power_entry_get_public(code=code)
    if entry is None:
        raise HttpError(404, "没有找到该权力事项，或该事项未发布。")
    data = _power(entry)
    data.update(
        {
            "implementer_nature": entry.get_implementer_nature_display(),
            "implementer_uscc": entry.department.uscc,
            "handling_office": entry.handling_office,
            "legal_limit_days": entry.legal_limit_days,
            "promised_limit_days": entry.promised_limit_days,
            "charges_fee": entry.charges_fee,
            "fee_basis": entry.fee_basis,
            "supervise_phone": entry.supervise_phone,
            "process_summary": entry.process_summary,
            "legal_bases": [
                {"law": b.law, "article": b.article, "content": b.content}
                for b in entry.legal_bases.all()
            ],
            "responsibilities": [_responsibility(r) for r in entry.responsibilities.all()],
            "services": [svc.code for svc in lists.services_exercising_power(code=entry.code)],
        }
    )
    return data


# --- 责任清单 -----------------------------------------------------------------------------------

responsibility = Router(tags=["责任清单"])


class ResponsibilityFilters(ListFilters):
    stage: str = ""


class ResponsibilityPage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[s.ResponsibilityItemOut]


def _responsibility_item(item) -> dict:
    return {
        **_responsibility(item),
        "power_code": item.power.code,
        "power_name": item.power.name,
        "power_type": item.power.power_type,
        "department": _dept(item.power.department),
        "url": f"/lists/responsibility/{item.power.code}/",
    }


@responsibility.get("/", response=ResponsibilityPage, summary="责任清单（逐环节）")
def responsibility_list(request, filters: Query[ResponsibilityFilters], paging: Query[PageIn]):
    qs = lists.responsibility_items_public(
        department=filters.department,
        power_type=filters.category,
        level=filters.level,
        stage=filters.stage,
        q=filters.q,
    )
    return _page(qs, paging, lambda rows: [_responsibility_item(r) for r in rows])


@responsibility.get(
    "/{code}",
    response={200: s.ResponsibilityDetailOut, 404: s.ErrorOut},
    summary="某项权力的责任清单",
)
def responsibility_detail(request, code: str):
    entry = lists.power_entry_get_public(code=code)
    if entry is None:
        raise HttpError(404, "没有找到该权力事项，或该事项未发布。")
    return {
        "power_code": entry.code,
        "power_name": entry.name,
        "power_type": entry.power_type,
        "power_type_name": entry.get_power_type_display(),
        "department": _dept(entry.department),
        "items": [_responsibility(r) for r in entry.responsibilities.all()],
        "url": f"/lists/responsibility/{entry.code}/",
    }


# --- 负面清单 -----------------------------------------------------------------------------------

negative = Router(tags=["市场准入负面清单"])


class NegativeFilters(Schema):
    department: str = ""
    category: str = ""
    q: str = ""


class NegativePage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[s.NegativeOut]


def _negative(item) -> dict:
    return {
        "code": item.code,
        "item_no": item.item_no,
        "category": item.category,
        "category_name": item.get_category_display(),
        "name": item.name,
        "competent_authority": item.competent_authority,
        "department": _dept(item.department),
        "local_permit": item.local_permit,
        "edition": item.edition,
        "url": f"/lists/negative/{item.code}/",
    }


def _negative_detail(item, services_by_code: dict) -> dict:
    return {
        **_negative(item),
        "measures": [{"text": m.text, "is_local": m.is_local} for m in item.measures.all()],
        "keywords": item.keyword_list,
        "services": [
            _service(services_by_code[c]) for c in item.service_code_list if c in services_by_code
        ],
    }


def _negative_details(items: list) -> list[dict]:
    codes = sorted({c for item in items for c in item.service_code_list})
    services_by_code = lists.services_for_codes(codes=codes)
    return [_negative_detail(item, services_by_code) for item in items]


@negative.get("/", response=NegativePage, summary="市场准入负面清单")
def negative_list(request, filters: Query[NegativeFilters], paging: Query[PageIn]):
    """category: prohibited（禁止准入类）或 permit（许可准入类）。"""
    qs = lists.negative_items_public(
        category=filters.category, department=filters.department, q=filters.q
    )
    return _page(qs, paging, lambda rows: [_negative(r) for r in rows])


VERDICT_NAMES = {
    lists.Verdict.PROHIBITED: "禁止",
    lists.Verdict.PERMIT: "需许可",
    lists.Verdict.NOT_LISTED: "未列入（非禁即入）",
    lists.Verdict.EMPTY: "未输入",
}


@negative.get("/lookup", response=s.NegativeLookupOut, summary="能不能做这个生意？")
def negative_lookup(request, q: str = ""):
    """输入经营活动的常用说法（如“网吧”“开药店”），返回禁止 / 需许可（含办理许可的事项）/ 未列入。"""
    result = lists.negative_lookup(query=q)
    return {
        "query": result.query,
        "verdict": result.verdict,
        "verdict_name": VERDICT_NAMES.get(result.verdict, result.verdict),
        "items": _negative_details(result.items),
    }


@negative.get(
    "/{code}", response={200: s.NegativeDetailOut, 404: s.ErrorOut}, summary="负面清单事项详情"
)
def negative_detail(request, code: str):
    item = lists.negative_item_get_public(code=code)
    if item is None:
        raise HttpError(404, "没有找到该负面清单事项，或该事项未发布。")
    return _negative_details([item])[0]


# --- 公共服务事项清单 ---------------------------------------------------------------------------

public_services = Router(tags=["公共服务事项清单"])


class PublicServiceFilters(Schema):
    department: str = ""
    audience: str = ""
    level: str = ""
    q: str = ""


class PublicServicePage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[s.PublicServiceOut]


def _public_services(entries: list, *, detail: bool = False) -> list[dict]:
    linked = catalog.services_by_codes(codes=[e.service_code for e in entries])
    out = []
    for e in entries:
        row = {
            "service_code": e.service_code,
            "name": e.name,
            "department": _dept(e.department),
            "audience": e.audience,
            "exercise_level": e.exercise_level,
            "url": f"/lists/public-services/{e.service_code}/",
            "service_url": f"/services/{e.service_code}/" if e.service_code in linked else None,
        }
        if detail:
            row.update({"basis": e.basis, "description": e.description})
        out.append(row)
    return out


@public_services.get("/", response=PublicServicePage, summary="公共服务事项清单")
def public_service_list(request, filters: Query[PublicServiceFilters], paging: Query[PageIn]):
    qs = lists.public_service_entries_public(
        department=filters.department, audience=filters.audience, level=filters.level, q=filters.q
    )
    return _page(qs, paging, _public_services)


@public_services.get(
    "/{code}", response={200: s.PublicServiceDetailOut, 404: s.ErrorOut}, summary="公共服务事项详情"
)
def public_service_detail(request, code: str):
    entry = lists.public_service_entry_get_public(code=code)
    if entry is None:
        raise HttpError(404, "没有找到该公共服务事项，或该事项未发布。")
    return _public_services([entry], detail=True)[0]


api.add_router("/services/", services)
api.add_router("/power/", power)
api.add_router("/responsibility/", responsibility)
api.add_router("/negative/", negative)
api.add_router("/public-services/", public_services)
# Open statistics (supervision's published figures) live in their own module.
api.add_router("/statistics/", statistics_router)
