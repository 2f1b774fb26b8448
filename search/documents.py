"""What gets indexed: one provider per document type, reading other apps only through their selectors.

A provider turns a live record into an `IndexDoc`. `documents()` yields every public
record of its type (for a rebuild); `document_for(instance)` answers for one record
(after a publish/unpublish), returning None when the record is not public.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from portal.list_kinds import (
    LIST_KINDS,
    NEGATIVE,
    POWER,
    PUBLIC_SERVICE,
    RESPONSIBILITY,
    ListKind,
)
from search.constants import DocType
from services_catalog.models import ServiceItem
from services_catalog.selectors import service_get_live, services_live


@dataclass
class IndexDoc:
    doc_type: str
    key: str
    title: str
    url: str
    code: str = ""
    title_en: str = ""  # the English name a publisher wrote, "" for Chinese only
    codes: list[str] = field(
        default_factory=list
    )  # extra codes (基本编码, 权力编码) and curated keywords
    keywords: list[str] = field(
        default_factory=list
    )  # life events, themes, categories: ranked like codes
    body: str = ""
    summary: str = ""
    department: str = ""
    audience: str = ""


@dataclass
class Provider:
    doc_type: str
    documents: Callable[[], Iterable[IndexDoc]]
    document_for: Callable[[object], IndexDoc | None]
    models: Callable[[], list[type]]
    key_for: Callable[[object], str]


PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    PROVIDERS[provider.doc_type] = provider
    return provider


def providers_for_instance(instance: object) -> list[Provider]:
    """The providers that index this record (a power entry feeds the power and responsibility lists)."""
    return [
        provider
        for provider in PROVIDERS.values()
        if any(isinstance(instance, model) for model in provider.models())
    ]


def _join(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _clip(text: str, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


BODY_LIMIT = 3000  # characters of body text segmented per document

# --- services (办事指南) -------------------------------------------------------------------------


def _service_doc(service) -> IndexDoc:
    materials = [m.name for m in service.materials.all()]
    themes = [t.name for t in service.themes.all()]
    events = [e.name for e in service.life_events.all()]
    faq = []
    for item in service.faq or []:
        if isinstance(item, dict):
            faq.append(
                _join(item.get("question") or item.get("q"), item.get("answer") or item.get("a"))
            )
    department = service.department.name if service.department_id else ""
    return IndexDoc(
        doc_type=DocType.SERVICE,
        key=service.code,
        title=service.name,
        title_en=service.name_en,
        url=f"/services/{service.code}/",
        code=service.code,
        codes=[c for c in (service.basic_code, service.power_code) if c],
        keywords=[*events, *themes, service.result_name or ""],
        body=_join(department, service.handling_office, service.conditions, *materials, *faq)[
            :BODY_LIMIT
        ],
        summary=_clip(service.conditions),
        department=department,
        audience=service.get_audience_display(),
    )


def _service_documents() -> Iterator[IndexDoc]:
    queryset = services_live().prefetch_related("materials", "themes", "life_events").order_by("pk")
    for service in queryset.iterator(chunk_size=500):
        yield _service_doc(service)


def _service_document_for(instance) -> IndexDoc | None:
    live = service_get_live(code=instance.code)
    return _service_doc(live) if live is not None else None


register(
    Provider(
        DocType.SERVICE,
        _service_documents,
        _service_document_for,
        lambda: [ServiceItem],
        lambda obj: obj.code,
    )
)


# --- the four lists (portal): one provider per list kind of portal.list_kinds ---------------


def _power_doc(entry) -> IndexDoc:
    bases = [f"《{b.law}》{b.article}" for b in entry.legal_bases.all()]
    department = entry.department.name if entry.department_id else ""
    return IndexDoc(
        doc_type=DocType.POWER,
        key=entry.code,
        title=entry.name,
        url=POWER.detail_url(entry.code),
        code=entry.code,
        codes=[entry.basic_code] if entry.basic_code else [],
        keywords=[entry.get_power_type_display()],
        body=_join(department, entry.handling_office, *bases, entry.process_summary)[:BODY_LIMIT],
        summary=_clip(_join(entry.get_power_type_display(), "；".join(bases))),
        department=department,
        audience=entry.get_exercise_level_display(),
    )


def _responsibility_doc(entry) -> IndexDoc | None:
    items = list(entry.responsibilities.all())
    if not items:
        return None
    department = entry.department.name if entry.department_id else ""
    return IndexDoc(
        doc_type=DocType.RESPONSIBILITY,
        key=entry.code,
        title=entry.name,
        url=RESPONSIBILITY.detail_url(entry.code),
        code=entry.code,
        keywords=[item.stage for item in items],
        body=_join(*(f"{i.duty}\n{i.accountability}" for i in items))[:BODY_LIMIT],
        summary=_clip("；".join(f"{i.stage}：{i.duty}" for i in items[:3])),
        department=department,
        audience=entry.get_power_type_display(),
    )


def _negative_doc(item) -> IndexDoc:
    measures = [m.text for m in item.measures.all()]
    department = item.department.name if item.department_id else item.competent_authority
    return IndexDoc(
        doc_type=DocType.NEGATIVE,
        key=item.code,
        title=item.name,
        url=NEGATIVE.detail_url(item.code),
        code=item.code,
        keywords=[*item.keyword_list, item.get_category_display()],
        body=_join(item.competent_authority, item.local_permit, *measures)[:BODY_LIMIT],
        summary=_clip(_join(item.get_category_display(), measures[0] if measures else "")),
        department=department,
        audience=item.get_category_display(),
    )


def _public_service_doc(entry) -> IndexDoc:
    department = entry.department.name if entry.department_id else ""
    return IndexDoc(
        doc_type=DocType.PUBLIC_SERVICE,
        key=entry.service_code,
        title=entry.name,
        url=PUBLIC_SERVICE.detail_url(entry.service_code),
        code=entry.service_code,
        body=_join(department, entry.description, entry.basis)[:BODY_LIMIT],
        summary=_clip(entry.description),
        department=department,
        audience=entry.get_audience_display(),
    )


_LIST_DOCS: dict[str, Callable[[object], IndexDoc | None]] = {
    DocType.POWER: _power_doc,
    DocType.RESPONSIBILITY: _responsibility_doc,
    DocType.NEGATIVE: _negative_doc,
    DocType.PUBLIC_SERVICE: _public_service_doc,
}


def _list_provider(kind: ListKind) -> Provider:
    """The provider of a list kind: its search records, its live record by code, its model."""
    build = _LIST_DOCS[kind.key]
    code_of = attrgetter(kind.code_field)

    def documents() -> Iterator[IndexDoc]:
        for record in kind.search_items().iterator(chunk_size=500):
            doc = build(record)
            if doc is not None:
                yield doc

    def document_for(instance) -> IndexDoc | None:
        live = kind.item_get(code=code_of(instance))
        return build(live) if live is not None else None

    return Provider(kind.key, documents, document_for, lambda: [kind.model], code_of)


for _kind in LIST_KINDS.values():
    register(_list_provider(_kind))
