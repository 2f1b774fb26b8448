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


def provider_for_instance(instance: object) -> Provider | None:
    for provider in PROVIDERS.values():
        try:
            models = provider.models()
        except ImportError:
            continue
        if any(isinstance(instance, model) for model in models):
            return provider
    return None


def _join(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _clip(text: str, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
        body=_join(department, service.handling_office, service.conditions, *materials, *faq),
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
