"""Reads of the service catalogue. Other apps use these, never the models' managers directly."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from services_catalog.models import Material, ServiceItem


def services_live() -> QuerySet[ServiceItem]:
    """Services whose approved version is public."""
    return ServiceItem.objects.filter(live=True).select_related("department")


def service_get_live(*, code: str) -> ServiceItem | None:
    """The live service with this 实施编码, with its materials prefetched, or None."""
    return (
        services_live()
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("sort_order", "pk")))
        .filter(code=code)
        .first()
    )


def service_materials(*, service: ServiceItem) -> list[Material]:
    return list(service.materials.all())
