"""Reads for notices: the latest list (the home page calls it) and the active emergency banner."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from participation.notices.models import EmergencyBanner, NoticePage


def notices_latest(*, limit: int = 5, kind: str = "") -> QuerySet[NoticePage]:
    """Live notices, newest first (scheduled ones appear at go_live_at, expired ones go)."""
    qs = NoticePage.objects.live().public().select_related("department")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-published_on", "-first_published_at")[:limit]


def banner_active(*, now=None) -> EmergencyBanner | None:
    """The emergency notice in force now: the most severe, then the latest to start."""
    now = now or timezone.now()
    order = {"red": 0, "orange": 1, "yellow": 2, "blue": 3}
    banners = list(EmergencyBanner.objects.filter(starts_at__lte=now, ends_at__gt=now)[:10])
    banners.sort(key=lambda b: (order.get(b.level, 9), -b.starts_at.timestamp()))
    return banners[0] if banners else None
