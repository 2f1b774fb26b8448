"""The printable 一次告知书 (guide.pdf), rendered by WeasyPrint with Noto CJK embedded.

Rendering takes a few hundred milliseconds, so the PDF is cached under the service's code,
its live revision and the catalogue version: a new publish produces a new key.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from printing.services import pdf_render
from services_catalog.models import ServiceItem
from services_catalog.presentation import guide_context
from services_catalog.selectors import catalog_version


def guide_pdf_key(*, service: ServiceItem) -> str:
    stamp = int(service.updated_at.timestamp()) if service.updated_at else 0
    return (
        f"sc:pdf:{service.code}:{service.live_revision_id or 0}:{stamp}:"
        f"{catalog_version()}:{get_language()}"
    )


def guide_pdf_render(*, service: ServiceItem) -> bytes:
    html = render_to_string(
        "services_catalog/guide_pdf.html",
        {
            **guide_context(service),
            "PORTAL_NAME": settings.PORTAL_NAME,
            "printed_at": timezone.now(),
        },
    )
    return pdf_render(html=html, base_url=str(settings.BASE_DIR), expect=service.display_name)


def guide_pdf(*, service: ServiceItem) -> bytes:
    """The cached 一次告知书 PDF of a live service."""
    key = guide_pdf_key(service=service)
    data = cache.get(key)
    if data is None:
        data = guide_pdf_render(service=service)
        cache.set(key, data, settings.SERVICES_CATALOG_PDF_CACHE_SECONDS)
    return data
