"""热点诉求: appeals per week and month, per region, by category and by keyword.

Kept current incrementally: each new appeal adds one to its counters once (Appeal.hot_counted
guards a task that runs twice), so reading a month's hot topics is one indexed query.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from accounts.identity import mask_ids_in_text
from participation.appeals.models import Appeal, HotTopicCount

KEYWORDS_PER_APPEAL = 5
RISING_SCAN = 100
RISING_LIMIT = 5
_PHONE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def period_start(*, period: str, day: dt.date) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def _bump(*, period: str, start: dt.date, region: str, kind: str, key: str) -> None:
    filters = dict(period=period, period_start=start, region_code=region, kind=kind, key=key[:60])
    if HotTopicCount.objects.filter(**filters).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            HotTopicCount.objects.create(**filters, count=1)
    except IntegrityError:
        HotTopicCount.objects.filter(**filters).update(count=F("count") + 1)


def hot_topics_count_appeal(*, appeal_id: int) -> bool:
    """Add one appeal to its week's and month's counters; False if it was already counted."""
    with transaction.atomic():
        if not Appeal.objects.filter(pk=appeal_id, hot_counted=False).update(hot_counted=True):
            return False
        appeal = Appeal.objects.select_related("category").get(pk=appeal_id)
        day = timezone.localdate(appeal.created_at)
        keys = [("category", appeal.category.name)]
        keys += [("keyword", word) for word in appeal.tokens.split()[:KEYWORDS_PER_APPEAL]]
        for period in ("week", "month"):
            start = period_start(period=period, day=day)
            for region in (appeal.region_code, "*"):
                for kind, key in keys:
                    _bump(period=period, start=start, region=region, kind=kind, key=key)
    return True


def hot_topics_catch_up(*, settle_minutes: int = 5, batch: int = 2000) -> int:
    """Beat: count the appeals whose counting task was lost (worker down, broker restarted).
    Idempotent: each appeal is counted once whatever runs it (Appeal.hot_counted)."""
    settled = timezone.now() - dt.timedelta(minutes=settle_minutes)
    pending = Appeal.objects.filter(hot_counted=False, created_at__lt=settled).order_by()
    return sum(
        hot_topics_count_appeal(appeal_id=pk) for pk in pending.values_list("pk", flat=True)[:batch]
    )


def hot_topics(
    *, period: str = "month", day: dt.date | None = None, region_code: str = "*", limit: int = 20
) -> dict[str, list[dict]]:
    """Top categories and keywords of the period, each with its change against the previous
    period, and the rising ones (``rising_category``, ``rising_keyword``: largest increase
    first, among the period's top ``RISING_SCAN``)."""
    day = day or timezone.localdate()
    start = period_start(period=period, day=day)
    previous = period_start(period=period, day=start - dt.timedelta(days=1))
    region_code = region_code or "*"
    result: dict[str, list[dict]] = {}
    for kind in ("category", "keyword"):
        rows = list(
            HotTopicCount.objects.filter(
                period=period, period_start=start, region_code=region_code, kind=kind
            )
            .order_by("-count", "key")
            .values("key", "count")[: max(limit, RISING_SCAN)]
        )
        before = dict(
            HotTopicCount.objects.filter(
                period=period,
                period_start=previous,
                region_code=region_code,
                kind=kind,
                key__in=[r["key"] for r in rows],
            ).values_list("key", "count")
        )
        for row in rows:
            row["change"] = row["count"] - before.get(row["key"], 0)
        rising = sorted(
            (r for r in rows if r["change"] > 0), key=lambda r: (-r["change"], r["key"])
        )
        result[kind] = rows[:limit]
        result[f"rising_{kind}"] = rising[:RISING_LIMIT]
    return result


def hot_total(*, period: str, day: dt.date, region_code: str = "*") -> int:
    start = period_start(period=period, day=day)
    return (
        HotTopicCount.objects.filter(
            period=period, period_start=start, region_code=region_code, kind="category"
        ).aggregate(n=Sum("count"))["n"]
        or 0
    )


def scrub(text: str) -> str:
    """Remove personal data from a text before it is published (ID numbers and phone numbers)."""
    return _PHONE_IN_TEXT.sub(
        lambda m: f"{m.group(0)[:3]}****{m.group(0)[-4:]}", mask_ids_in_text(text or "")
    )
