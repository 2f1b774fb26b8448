"""The four lists in the open-data API: one router per list kind of ``portal.list_kinds``.

Each kind's filters come from the table (``Filter.api_param``); this module adds only what
is the API's own: the output shapes and how a record becomes one.

(No ``from __future__ import annotations`` here: the endpoint factory's annotations name
per-kind schema classes, which django-ninja must see as objects, not strings.)
"""

from collections.abc import Callable
from dataclasses import dataclass

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from api import schemas as s
from api.common import PageIn, dept, page_schema, paginate, service_out
from portal import selectors as lists
from portal.list_kinds import NEGATIVE, POWER, PUBLIC_SERVICE, RESPONSIBILITY, ListKind
from services_catalog import selectors as catalog


@dataclass(frozen=True)
class ApiShape:
    """How one list kind appears in the API."""

    tag: str
    summary: str
    detail_summary: str
    not_found: str
    item: type[Schema]
    detail: type[Schema]
    rows: Callable[[list], list[dict]]  # a page of records → items
    one: Callable[[object], dict]  # one record → detail
    description: str = ""


def _responsibility(item) -> dict:
    return {
        "stage": item.stage,
        "duty": item.duty,
        "accountability": item.accountability,
        "accountability_basis": item.accountability_basis,
    }


def _power(entry) -> dict:
    return {
        "code": entry.code,
        "basic_code": entry.basic_code,
        "name": entry.name,
        "power_type": entry.power_type,
        "power_type_name": entry.get_power_type_display(),
        "department": dept(entry.department),
        "exercise_level": entry.exercise_level,
        "exercise_level_name": entry.get_exercise_level_display(),
        "url": POWER.detail_url(entry.code),
    }


def _power_detail(entry) -> dict:
    return {
        **_power(entry),
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


def _responsibility_item(item) -> dict:
    return {
        **_responsibility(item),
        "power_code": item.power.code,
        "power_name": item.power.name,
        "power_type": item.power.power_type,
        "department": dept(item.power.department),
        "url": RESPONSIBILITY.detail_url(item.power.code),
    }


def _responsibility_detail(entry) -> dict:
    return {
        "power_code": entry.code,
        "power_name": entry.name,
        "power_type": entry.power_type,
        "power_type_name": entry.get_power_type_display(),
        "department": dept(entry.department),
        "items": [_responsibility(r) for r in entry.responsibilities.all()],
        "url": RESPONSIBILITY.detail_url(entry.code),
    }


def _negative(item) -> dict:
    return {
        "code": item.code,
        "item_no": item.item_no,
        "category": item.category,
        "category_name": item.get_category_display(),
        "name": item.name,
        "competent_authority": item.competent_authority,
        "department": dept(item.department),
        "local_permit": item.local_permit,
        "edition": item.edition,
        "url": NEGATIVE.detail_url(item.code),
    }


def _negative_details(items: list) -> list[dict]:
    codes = sorted({c for item in items for c in item.service_code_list})
    services_by_code = lists.services_for_codes(codes=codes)
    return [
        {
            **_negative(item),
            "measures": [{"text": m.text, "is_local": m.is_local} for m in item.measures.all()],
            "keywords": item.keyword_list,
            "services": [
                service_out(services_by_code[c])
                for c in item.service_code_list
                if c in services_by_code
            ],
        }
        for item in items
    ]


def _public_services(entries: list, *, detail: bool = False) -> list[dict]:
    linked = catalog.services_by_codes(codes=[e.service_code for e in entries])
    out = []
    for e in entries:
        row = {
            "service_code": e.service_code,
            "name": e.name,
            "department": dept(e.department),
            "audience": e.audience,
            "exercise_level": e.exercise_level,
            "url": PUBLIC_SERVICE.detail_url(e.service_code),
            "service_url": f"/services/{e.service_code}/" if e.service_code in linked else None,
        }
        if detail:
            row.update({"basis": e.basis, "description": e.description})
        out.append(row)
    return out


SHAPES: dict[str, ApiShape] = {
    POWER.key: ApiShape(
        tag="权力清单",
        summary="权力清单",
        detail_summary="权力事项详情",
        not_found="没有找到该权力事项，或该事项未发布。",
        item=s.PowerOut,
        detail=s.PowerDetailOut,
        rows=lambda rows: [_power(r) for r in rows],
        one=_power_detail,
        description="category 为事项类型代码（01 行政许可 … 10 其他行政权力），level 为行使层级代码（A.2）。",
    ),
    RESPONSIBILITY.key: ApiShape(
        tag="责任清单",
        summary="责任清单（逐环节）",
        detail_summary="某项权力的责任清单",
        not_found="没有找到该权力事项，或该事项未发布。",
        item=s.ResponsibilityItemOut,
        detail=s.ResponsibilityDetailOut,
        rows=lambda rows: [_responsibility_item(r) for r in rows],
        one=_responsibility_detail,
    ),
    NEGATIVE.key: ApiShape(
        tag="市场准入负面清单",
        summary="市场准入负面清单",
        detail_summary="负面清单事项详情",
        not_found="没有找到该负面清单事项，或该事项未发布。",
        item=s.NegativeOut,
        detail=s.NegativeDetailOut,
        rows=lambda rows: [_negative(r) for r in rows],
        one=lambda item: _negative_details([item])[0],
        description="category: prohibited（禁止准入类）或 permit（许可准入类）。",
    ),
    PUBLIC_SERVICE.key: ApiShape(
        tag="公共服务事项清单",
        summary="公共服务事项清单",
        detail_summary="公共服务事项详情",
        not_found="没有找到该公共服务事项，或该事项未发布。",
        item=s.PublicServiceOut,
        detail=s.PublicServiceDetailOut,
        rows=_public_services,
        one=lambda entry: _public_services([entry], detail=True)[0],
    ),
}

VERDICT_NAMES = {
    lists.Verdict.PROHIBITED: "禁止",
    lists.Verdict.PERMIT: "需许可",
    lists.Verdict.NOT_LISTED: "未列入（非禁即入）",
    lists.Verdict.EMPTY: "未输入",
    lists.Verdict.UNSURE: "无法确定行业，请选择最接近的行业",
}


def negative_lookup(request, q: str = "", industry: str = ""):
    """输入经营活动的常用说法（如“网吧”“开药店”），返回禁止 / 需许可（含办理许可的事项）/ 未列入。"""
    result = lists.negative_lookup(query=q, industry=industry)
    return {
        "query": result.query,
        "verdict": result.verdict,
        "verdict_name": VERDICT_NAMES.get(result.verdict, result.verdict),
        "items": _negative_details(result.items),
        "suggestions": [{"code": i.code, "name": i.name} for i in result.suggestions],
    }


def _filters_schema(kind: ListKind) -> type[Schema]:
    """The query parameters of a list kind's endpoint (each a string, empty by default)."""
    name = "".join(part.title() for part in kind.key.split("_")) + "Filters"
    fields = {f.api_param: (str, "") for f in kind.filters}
    return create_model(name, __base__=Schema, **fields)


def list_router(kind: ListKind) -> Router:
    """GET / (a page of public rows, filtered) and GET /{code} (one public record)."""
    shape = SHAPES[kind.key]
    filters_schema = _filters_schema(kind)
    router = Router(tags=[shape.tag])
    by_param = {f.api_param: f.arg for f in kind.filters}

    def list_view(request, filters: Query[filters_schema], paging: Query[PageIn]):
        values = {by_param[param]: value for param, value in filters.dict().items()}
        return paginate(kind.items(**values), paging, shape.rows)

    def detail_view(request, code: str):
        record = kind.item_get(code=code)
        if record is None:
            raise HttpError(404, shape.not_found)
        return shape.one(record)

    router.get(
        "/",
        response=page_schema(f"{filters_schema.__name__[:-7]}Page", shape.item),
        summary=shape.summary,
        description=shape.description or None,
        operation_id=f"{kind.key}_list",
    )(list_view)
    if kind is NEGATIVE:  # before /{code}, which would otherwise take "lookup" for a code
        router.get("/lookup", response=s.NegativeLookupOut, summary="能不能做这个生意？")(
            negative_lookup
        )
    router.get(
        "/{code}",
        response={200: shape.detail, 404: s.ErrorOut},
        summary=shape.detail_summary,
        operation_id=f"{kind.key}_detail",
    )(detail_view)
    return router
