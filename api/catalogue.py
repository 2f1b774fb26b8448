"""The 办事指南 endpoints of the open-data API: services with their guides and materials."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from api import schemas as s
from api.common import PageIn, page_schema, paginate, service_out
from services_catalog import selectors as catalog


def _document_url(document) -> str | None:
    return document.url if document is not None else None


services = Router(tags=["办事指南"])


def _material(m) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "name_en": m.name_en,
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
        "blank_form_url": _document_url(m.blank_form),
        "sample_form_url": _document_url(m.sample_form),
    }


class ServiceFilters(Schema):
    audience: str = ""
    department: str = ""
    theme: str = ""
    life_event: str = ""
    type: str = ""


ServicePage = page_schema("ServicePage", s.ServiceOut)


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
    return paginate(qs, paging, lambda rows: [service_out(r) for r in rows])


@services.get(
    "/{code}",
    response={200: s.ServiceDetailOut, 404: s.ErrorOut},
    summary="办事指南详情（一次告知）",
)
def service_detail(request, code: str):
    item = catalog.service_get_live(code=code)
    if item is None:
        raise HttpError(404, "没有找到该事项，或该事项未发布。")
    data = service_out(item)
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
            "themes_en": [t.name_en for t in item.themes.all()],
            "life_events": [e.name for e in item.life_events.all()],
            "life_events_en": [e.name_en for e in item.life_events.all()],
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
            "result_name_en": item.result_name_en,
            "allows_tolerance": item.allows_tolerance,
            "allows_commitment": item.allows_commitment,
            "materials": [_material(m) for m in item.materials.all()],
        }
    )
    return data
