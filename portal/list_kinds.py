"""The four public lists (四张清单) in one table: what each list is, how it is filtered and exported.

``LIST_KINDS`` drives the public pages (portal.views_lists), the download exports
(portal.services.exports), the open-data API (api.lists) and the search documents
(search.documents). A list kind says:

- its label, model, the field holding its code and its URL segment and URL names;
- its filters (``Filter``): the query parameter on the site and in the API, the selector
  argument it feeds, and the choices it accepts;
- its selectors: every public row (``items``), one public record by code (``item_get``) and the
  records search indexes (``search_items``);
- its export: file name and column headers (rows in portal.services.exports).

The consumers keep only what is theirs: the API's output shapes and the search documents' text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from portal import selectors
from portal.models import NegativeListItem, PowerEntry, PublicServiceEntry
from portal.models.lists import POWER_TYPE_CHOICES, NegativeCategory, ResponsibilityStage
from services_catalog.constants import Audience, ExerciseLevel

Choices = Sequence[tuple[str, object]]


@dataclass(frozen=True)
class Filter:
    """One filter of a list: ``?param=`` on the site, ``?api_param=`` in the API."""

    arg: str  # the selector's keyword argument
    param: str  # the site's query parameter
    api_param: str  # the API's query parameter
    choices: Choices | None = None  # allowed values (None: free text, e.g. a department code)
    context: str = ""  # the template variable holding the choices for the filter form


@dataclass(frozen=True)
class ListKind:
    key: str
    label: str
    model: type[Model]
    code_field: str
    path: str  # URL segment under /lists/ and /api/v1/
    url_name: str  # lists:<url_name>, lists:<url_name>_export
    detail_url_name: str
    template: str  # portal/lists/<template>_list.html and _detail.html
    filters: tuple[Filter, ...]
    items: Callable[..., QuerySet]
    item_get: Callable[..., object | None]
    search_items: Callable[[], QuerySet]
    export_filename: str
    export_headers: tuple[str, ...]

    @property
    def list_url(self) -> str:
        return f"/lists/{self.path}/"

    def detail_url(self, code: str) -> str:
        return f"/lists/{self.path}/{code}/"


DEPARTMENT = Filter("department", "department", "department")
Q = Filter("q", "q", "q")
POWER_TYPE = Filter("power_type", "type", "category", POWER_TYPE_CHOICES, "types")
LEVEL = Filter("level", "level", "level", ExerciseLevel.choices, "levels")


def _power_search_items() -> QuerySet[PowerEntry]:
    return selectors.power_entries_with_details(selectors.power_entries_public().order_by("pk"))


POWER = ListKind(
    key="power",
    label="权力清单",
    model=PowerEntry,
    code_field="code",
    path="power",
    url_name="power",
    detail_url_name="power_detail",
    template="power",
    filters=(DEPARTMENT, POWER_TYPE, LEVEL, Q),
    items=selectors.power_entries_public,
    item_get=selectors.power_entry_get_public,
    search_items=_power_search_items,
    export_filename="power-list",
    export_headers=(
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
    ),
)

RESPONSIBILITY = ListKind(
    key="responsibility",
    label="责任清单",
    model=PowerEntry,  # a power's duty items are edited and published with the power entry
    code_field="code",
    path="responsibility",
    url_name="responsibility",
    detail_url_name="responsibility_detail",
    template="responsibility",
    filters=(
        *POWER.filters,
        Filter("stage", "stage", "stage", ResponsibilityStage.choices, "stages"),
    ),
    items=selectors.responsibility_items_public,
    item_get=selectors.power_entry_get_public,
    search_items=_power_search_items,
    export_filename="responsibility-list",
    export_headers=(
        "实施编码",
        "事项名称",
        "事项类型",
        "实施主体",
        "环节",
        "责任事项",
        "追责情形",
        "问责依据",
    ),
)

NEGATIVE = ListKind(
    key="negative",
    label="负面清单",
    model=NegativeListItem,
    code_field="code",
    path="negative",
    url_name="negative",
    detail_url_name="negative_detail",
    template="negative",
    filters=(
        Filter("category", "category", "category", NegativeCategory.choices, "categories"),
        DEPARTMENT,
        Q,
    ),
    items=selectors.negative_items_public,
    item_get=selectors.negative_item_get_public,
    search_items=lambda: selectors.negative_items_public().order_by("pk"),
    export_filename="negative-list",
    export_headers=(
        "类别",
        "项目号",
        "事项编码",
        "禁止或许可事项",
        "措施描述",
        "主管部门",
        "地方性许可事项",
    ),
)

PUBLIC_SERVICE = ListKind(
    key="public_service",
    label="公共服务事项清单",
    model=PublicServiceEntry,
    code_field="service_code",
    path="public-services",
    url_name="public_services",
    detail_url_name="public_service_detail",
    template="public_service",
    filters=(
        DEPARTMENT,
        Filter("audience", "audience", "audience", Audience.choices, "audiences"),
        LEVEL,
        Q,
    ),
    items=selectors.public_service_entries_public,
    item_get=selectors.public_service_entry_get_public,
    search_items=lambda: selectors.public_service_entries_public().order_by("pk"),
    export_filename="public-service-list",
    export_headers=(
        "事项实施编码",
        "事项名称",
        "实施主体",
        "服务对象",
        "行使层级",
        "设定依据",
        "服务内容",
    ),
)

LIST_KINDS: dict[str, ListKind] = {
    k.key: k for k in (POWER, RESPONSIBILITY, NEGATIVE, PUBLIC_SERVICE)
}


def filter_values(kind: ListKind, get: Callable[[str], object]) -> dict:
    """The selector arguments of ``kind`` from the site's query parameters.

    ``get(name)`` returns a parameter's raw value. Values are NFKC-normalised (a full-width
    ０２ is 02), trimmed and bounded; free text
    goes through ``selectors.clean_query``; a value outside a filter's choices is ignored
    rather than refused, so a stale link still shows the list.
    """
    values = {}
    for f in kind.filters:
        raw = get(f.param)
        raw = raw if isinstance(raw, str) else ""
        if f.arg == "q":
            values[f.arg] = selectors.clean_query(raw)
            continue
        raw = unicodedata.normalize("NFKC", raw).strip()[:60]
        if f.choices is not None and raw not in {code for code, _label in f.choices}:
            raw = ""
        values[f.arg] = raw
    return values
