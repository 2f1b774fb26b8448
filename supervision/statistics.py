"""Open statistics (/statistics/, /api/v1/statistics/, CSV): monthly volume, on-time rate,
好评率 and average handling time per department and per service. Read from the rollups;
aggregates only: no staff member, applicant or case appears in them."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models.functions import TruncMonth

from supervision.periods import Period
from supervision.selectors import _sums, rollups_for, with_rates

PUBLIC_FIELDS = (
    "received",
    "finished",
    "on_time_promised_rate",
    "on_time_legal_rate",
    "good_rate",
    "avg_handling_days",
)


def _public(row: dict) -> dict:
    row = with_rates(row)
    return {key: row[key] for key in PUBLIC_FIELDS}


def monthly_rows(*, period: Period, by: str = "department") -> list[dict]:
    """One row per (month, department) or (month, service), oldest month first."""
    key, name = (
        ("service_id", "service__name")
        if by == "service"
        else (
            "department_id",
            "department__name",
        )
    )
    qs = (
        rollups_for(period=period)
        .annotate(month=TruncMonth("day"))
        .values("month", key, name)
        .annotate(**_sums())
        .order_by("month", name)
    )
    rows = []
    for r in qs:
        rows.append(
            {
                "month": r["month"].strftime("%Y-%m"),
                "department" if by != "service" else "service": r[name],
                **_public(dict(r)),
            }
        )
    return rows


def public_statistics(*, period: Period) -> dict:
    """What /statistics/ shows: per-month totals, and per department and service over the period."""
    qs = rollups_for(period=period)
    months = [
        {"month": r["month"].strftime("%Y-%m"), **_public(dict(r))}
        for r in qs.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**_sums())
        .order_by("month")
    ]
    departments = [
        {"name": r["department__name"], **_public(dict(r))}
        for r in qs.values("department__name").annotate(**_sums()).order_by("department__name")
    ]
    services = [
        {"name": r["service__name"], "department": r["department__name"], **_public(dict(r))}
        for r in qs.values("service__name", "department__name")
        .annotate(**_sums())
        .order_by("-received", "service__name")
    ]
    return {
        "period": period,
        "totals": _public(qs.aggregate(**_sums())),
        "months": months,
        "departments": departments,
        "services": services,
    }


def cached_statistics(*, period: Period) -> dict:
    """public_statistics cached briefly, so anonymous traffic (page, CSV, API) cannot make the
    portal aggregate on every request; the figures change with the rollups every few minutes."""
    key = f"supervision:statistics:{period.start.isoformat()}:{period.end.isoformat()}"
    return cache.get_or_set(
        key, lambda: public_statistics(period=period), settings.SUPERVISION_STATISTICS_CACHE_SECONDS
    )
