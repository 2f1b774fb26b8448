"""What every endpoint of the open-data API shares: paging and the small nested shapes."""

from __future__ import annotations

from django.db.models import QuerySet
from ninja import Schema
from ninja.errors import HttpError
from pydantic import create_model

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class PageIn(Schema):
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def page_schema(name: str, item: type[Schema]) -> type[Schema]:
    """The response schema of one page of ``item`` rows (count, page, page_size, num_pages)."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        page=(int, ...),
        page_size=(int, ...),
        num_pages=(int, ...),
        items=(list[item], ...),
    )


def paginate(qs, params: PageIn, convert) -> dict:
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


def dept(department) -> dict | None:
    if department is None:
        return None
    return {"code": department.code, "name": department.name}


def service_out(item) -> dict:
    """A catalogue service as listed (also nested in negative-list details)."""
    return {
        "code": item.code,
        "basic_code": item.basic_code,
        "name": item.name,
        "name_en": item.name_en,
        "item_type": item.item_type,
        "item_type_name": item.get_item_type_display(),
        "audience": item.audience,
        "department": dept(item.department),
        "online": item.online,
        "legal_limit_days": item.legal_limit_days,
        "promised_limit_days": item.promised_limit_days,
        "visits": item.visits,
        "url": f"/services/{item.code}/",
        "guide_pdf_url": f"/services/{item.code}/guide.pdf",
    }
