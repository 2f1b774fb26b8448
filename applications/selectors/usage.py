"""How much each service is used, for public pages that rank services by real use."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from applications.models import Application


def services_most_applied(*, days: int = 30, limit: int = 8) -> list[tuple[int, int]]:
    """(service id, applications submitted in the last `days` days), most applied first.

    Real use for the home page's 热门服务: drafts never submitted do not count. Callers cache
    the answer (one grouped query over the submission index).
    """
    since = timezone.now() - dt.timedelta(days=days)
    rows = (
        Application.objects.filter(submitted_at__gte=since)
        .values("service_id")
        .annotate(n=Count("id"))
        .order_by("-n", "service_id")[:limit]
    )
    return [(row["service_id"], row["n"]) for row in rows]
