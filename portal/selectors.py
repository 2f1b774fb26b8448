"""Reads of the four lists (四张清单). Search, the API and the public pages use these.

Only live (approved) versions are public: every *_public selector filters ``live=True``.
The DB row of a live snippet holds its live version (drafts live in revisions), so the
child rows read here are the approved ones too.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Prefetch, Q, QuerySet

from portal.models import (
    NegativeListItem,
    NegativeMeasure,
    PowerEntry,
    PowerLegalBasis,
    PublicServiceEntry,
    ResponsibilityItem,
)
from portal.negative_lookup import (  # noqa: F401  (re-exported: the look-up has its own home)
    NegativeLookupResult,
    Verdict,
    negative_lookup,
    negative_lookup_invalidate,
)
from services_catalog.selectors import services_live

MAX_QUERY_CHARS = 50


def clean_query(q: str | None) -> str:
    """Normalise free text typed by a visitor: NFKC, no control chars, bounded length."""
    if not q:
        return ""
    text = unicodedata.normalize("NFKC", str(q))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _narrowed(qs: QuerySet, **lookups: str) -> QuerySet:
    """Each filter a visitor chose ('' means any); every lookup follows a single-valued relation,
    so one filter() with them all is the same query as one filter() each."""
    return qs.filter(**{lookup: value for lookup, value in lookups.items() if value})


def power_entries_public(
    *,
    department: str = "",
    power_type: str = "",
    level: str = "",
    q: str = "",
) -> QuerySet[PowerEntry]:
    """Live power entries, filtered by department code, 事项类型 code, 行使层级 and keyword."""
    qs = _narrowed(
        PowerEntry.objects.filter(live=True).select_related("department"),
        department__code=department,
        power_type=power_type,
        exercise_level=level,
    )
    q = clean_query(q)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__iexact=q) | Q(basic_code=q))
    return qs.order_by("department__name", "power_type", "code")


def power_entry_get_public(*, code: str) -> PowerEntry | None:
    """The live power entry with this 实施编码, with legal bases and responsibilities, or None."""
    return (
        PowerEntry.objects.filter(live=True, code=code)
        .select_related("department")
        .prefetch_related(
            Prefetch("legal_bases", queryset=PowerLegalBasis.objects.order_by("sort_order", "pk")),
            Prefetch(
                "responsibilities", queryset=ResponsibilityItem.objects.order_by("sort_order", "pk")
            ),
        )
        .first()
    )


def power_entries_with_details(qs: QuerySet[PowerEntry]) -> QuerySet[PowerEntry]:
    """Prefetch the children used by exports and the API (no N+1)."""
    return qs.prefetch_related(
        Prefetch("legal_bases", queryset=PowerLegalBasis.objects.order_by("sort_order", "pk")),
        Prefetch(
            "responsibilities", queryset=ResponsibilityItem.objects.order_by("sort_order", "pk")
        ),
    )


def power_entries_with_legal_bases(qs: QuerySet[PowerEntry]) -> QuerySet[PowerEntry]:
    """Prefetch only the legal bases (exports of the power list)."""
    return qs.prefetch_related(
        Prefetch("legal_bases", queryset=PowerLegalBasis.objects.order_by("sort_order", "pk"))
    )


def responsibility_items_public(
    *,
    department: str = "",
    power_type: str = "",
    level: str = "",
    stage: str = "",
    q: str = "",
) -> QuerySet[ResponsibilityItem]:
    """Responsibility items of live power entries."""
    qs = _narrowed(
        ResponsibilityItem.objects.filter(power__live=True).select_related("power__department"),
        power__department__code=department,
        power__power_type=power_type,
        power__exercise_level=level,
        stage=stage,
    )
    q = clean_query(q)
    if q:
        qs = qs.filter(
            Q(power__name__icontains=q) | Q(duty__icontains=q) | Q(power__code__iexact=q)
        )
    return qs.order_by("power__department__name", "power__code", "sort_order", "pk")


def negative_items_public(
    *, category: str = "", department: str = "", q: str = ""
) -> QuerySet[NegativeListItem]:
    """Live negative-list items with their measures."""
    qs = (
        NegativeListItem.objects.filter(live=True)
        .select_related("department")
        .prefetch_related(
            Prefetch("measures", queryset=NegativeMeasure.objects.order_by("sort_order", "pk"))
        )
    )
    qs = _narrowed(qs, category=category, department__code=department)
    q = clean_query(q)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(keywords__icontains=q)
            | Q(code=q)
            | Q(local_permit__icontains=q)
        )
    return qs.order_by("category", "item_no", "code")


def negative_item_get_public(*, code: str) -> NegativeListItem | None:
    return negative_items_public().filter(code=code).first()


def public_service_entries_public(
    *, department: str = "", audience: str = "", level: str = "", q: str = ""
) -> QuerySet[PublicServiceEntry]:
    qs = _narrowed(
        PublicServiceEntry.objects.filter(live=True).select_related("department"),
        department__code=department,
        audience=audience,
        exercise_level=level,
    )
    q = clean_query(q)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(service_code__iexact=q))
    return qs.order_by("department__name", "service_code")


def public_service_entry_get_public(*, code: str) -> PublicServiceEntry | None:
    return public_service_entries_public().filter(service_code=code).first()


def list_counts_public() -> dict[str, int]:
    """How many live entries each list holds (for the /lists/ index)."""
    return {
        "power": PowerEntry.objects.filter(live=True).count(),
        "responsibility": ResponsibilityItem.objects.filter(power__live=True).count(),
        "negative": NegativeListItem.objects.filter(live=True).count(),
        "public_services": PublicServiceEntry.objects.filter(live=True).count(),
    }


# --- 能不能做这个生意? -------------------------------------------------------------------------


def services_for_codes(*, codes: list[str]) -> dict[str, object]:
    """Live catalogue services by code (for permit items and public-service entries)."""
    if not codes:
        return {}
    return {s.code: s for s in services_live().filter(code__in=codes)}


def services_exercising_power(*, code: str, limit: int | None = None):
    """Live catalogue services whose ServiceItem.power_code is this power entry's 实施编码.

    Municipal guides come first (district copies share the power code); ``limit`` bounds the list.
    """
    qs = services_live().filter(power_code=code).order_by("code")
    return list(qs[:limit] if limit else qs)
