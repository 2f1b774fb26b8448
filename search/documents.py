"""What gets indexed: one provider per document type, reading other apps only through their selectors.

A provider turns a live record into an `IndexDoc`. `documents()` yields every public
record of its type (for a rebuild); `document_for(instance)` answers for one record
(after a publish/unpublish), returning None when the record is not public.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from search.constants import DocType


@dataclass
class IndexDoc:
    doc_type: str
    key: str
    title: str
    url: str
    code: str = ""
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
    found = []
    for provider in PROVIDERS.values():
        try:
            models = provider.models()
        except ImportError:
            continue
        if any(isinstance(instance, model) for model in models):
            found.append(provider)
    return found


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
    from services_catalog.selectors import services_live

    queryset = services_live().prefetch_related("materials", "themes", "life_events").order_by("pk")
    for service in queryset.iterator(chunk_size=500):
        yield _service_doc(service)


def _service_document_for(instance) -> IndexDoc | None:
    from services_catalog.selectors import service_get_live

    live = service_get_live(code=instance.code)
    return _service_doc(live) if live is not None else None


def _service_models() -> list[type]:
    from services_catalog.models import ServiceItem

    return [ServiceItem]


register(
    Provider(
        DocType.SERVICE,
        _service_documents,
        _service_document_for,
        _service_models,
        lambda obj: obj.code,
    )
)


# --- the four lists (portal) --------------------------------------------------------------------


def _power_doc(entry) -> IndexDoc:
    bases = [f"《{b.law}》{b.article}" for b in entry.legal_bases.all()]
    department = entry.department.name if entry.department_id else ""
    return IndexDoc(
        doc_type=DocType.POWER,
        key=entry.code,
        title=entry.name,
        url=f"/lists/power/{entry.code}/",
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
        url=f"/lists/responsibility/{entry.code}/",
        code=entry.code,
        keywords=[item.stage for item in items],
        body=_join(*(f"{i.duty}\n{i.accountability}" for i in items))[:BODY_LIMIT],
        summary=_clip("；".join(f"{i.stage}：{i.duty}" for i in items[:3])),
        department=department,
        audience=entry.get_power_type_display(),
    )


def _power_entries():
    from portal.selectors import power_entries_public, power_entries_with_details

    return power_entries_with_details(power_entries_public().order_by("pk"))


def _power_documents() -> Iterator[IndexDoc]:
    for entry in _power_entries().iterator(chunk_size=500):
        yield _power_doc(entry)


def _responsibility_documents() -> Iterator[IndexDoc]:
    for entry in _power_entries().iterator(chunk_size=500):
        doc = _responsibility_doc(entry)
        if doc is not None:
            yield doc


def _power_live(instance):
    from portal.selectors import power_entry_get_public

    return power_entry_get_public(code=instance.code)


def _power_models() -> list[type]:
    from portal.models import PowerEntry

    return [PowerEntry]


register(
    Provider(
        DocType.POWER,
        _power_documents,
        lambda obj: (lambda live: _power_doc(live) if live else None)(_power_live(obj)),
        _power_models,
        lambda obj: obj.code,
    )
)
register(
    Provider(
        DocType.RESPONSIBILITY,
        _responsibility_documents,
        lambda obj: (lambda live: _responsibility_doc(live) if live else None)(_power_live(obj)),
        _power_models,
        lambda obj: obj.code,
    )
)


def _negative_doc(item) -> IndexDoc:
    measures = [m.text for m in item.measures.all()]
    department = item.department.name if item.department_id else item.competent_authority
    return IndexDoc(
        doc_type=DocType.NEGATIVE,
        key=item.code,
        title=item.name,
        url=f"/lists/negative/{item.code}/",
        code=item.code,
        keywords=[*item.keyword_list, item.get_category_display()],
        body=_join(item.competent_authority, item.local_permit, *measures)[:BODY_LIMIT],
        summary=_clip(_join(item.get_category_display(), measures[0] if measures else "")),
        department=department,
        audience=item.get_category_display(),
    )


def _negative_documents() -> Iterator[IndexDoc]:
    from portal.selectors import negative_items_public

    for item in negative_items_public().order_by("pk"):
        yield _negative_doc(item)


def _negative_document_for(instance) -> IndexDoc | None:
    from portal.selectors import negative_item_get_public

    live = negative_item_get_public(code=instance.code)
    return _negative_doc(live) if live else None


def _negative_models() -> list[type]:
    from portal.models import NegativeListItem

    return [NegativeListItem]


register(
    Provider(
        DocType.NEGATIVE,
        _negative_documents,
        _negative_document_for,
        _negative_models,
        lambda o: o.code,
    )
)


def _public_service_doc(entry) -> IndexDoc:
    department = entry.department.name if entry.department_id else ""
    return IndexDoc(
        doc_type=DocType.PUBLIC_SERVICE,
        key=entry.service_code,
        title=entry.name,
        url=f"/lists/public-services/{entry.service_code}/",
        code=entry.service_code,
        body=_join(department, entry.description, entry.basis)[:BODY_LIMIT],
        summary=_clip(entry.description),
        department=department,
        audience=entry.get_audience_display(),
    )


def _public_service_documents() -> Iterator[IndexDoc]:
    from portal.selectors import public_service_entries_public

    for entry in public_service_entries_public().order_by("pk").iterator(chunk_size=500):
        yield _public_service_doc(entry)


def _public_service_document_for(instance) -> IndexDoc | None:
    from portal.selectors import public_service_entry_get_public

    live = public_service_entry_get_public(code=instance.service_code)
    return _public_service_doc(live) if live else None


def _public_service_models() -> list[type]:
    from portal.models import PublicServiceEntry

    return [PublicServiceEntry]


register(
    Provider(
        DocType.PUBLIC_SERVICE,
        _public_service_documents,
        _public_service_document_for,
        _public_service_models,
        lambda o: o.service_code,
    )
)
