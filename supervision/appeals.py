"""12345 appeals on the supervision dashboard: per-department figures and 热点诉求.

Read only through participation's public selectors and supervision's own rollup: the
per-department figures sum the daily `AppealRollup` rows of the period's past days and add
today's (and any day not rolled up yet) live from `participation.selectors.department_stats`,
which reads only those days' appeals through the index on their reception time. The sums are
the numbers department_stats gives over the whole period as of the last refresh. The hot topics
come from the counters participation keeps current as appeals arrive (never recomputed here).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import REGION_CODES
from participation import selectors as participation
from supervision.models import AppealRollup, RollupState
from supervision.periods import Period
from supervision.rollups import day_bounds, day_runs

HOT_PERIODS = ("week", "month")
WORDCLOUD_WORDS = 60


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def appeal_department_stats(*, period: Period, department_id: int | None = None) -> list[dict]:
    """participation's department_stats for the period, from the rollup: the same rows (per
    department: volume, answered, on_time, rated, satisfied, returns, overdue and the two
    rates), biggest volume first."""
    today = timezone.localdate()
    rolled = set(
        RollupState.objects.filter(
            day__gte=period.start,
            day__lte=min(period.end, today - dt.timedelta(days=1)),
            appeals_computed_at__isnull=False,
        ).values_list("day", flat=True)
    )
    totals: dict[int, dict] = {}

    def add(row: dict) -> None:
        into = totals.setdefault(
            row["department_id"],
            {
                "department_id": row["department_id"],
                "department__name": row["department__name"],
                **dict.fromkeys(participation.STAT_COUNTERS, 0),
            },
        )
        for key in participation.STAT_COUNTERS:
            into[key] += row[key] or 0

    if rolled:
        qs = AppealRollup.objects.filter(day__gte=min(rolled), day__lte=max(rolled))
        if len(rolled) < (max(rolled) - min(rolled)).days + 1:
            qs = qs.filter(day__in=sorted(rolled))
        if department_id is not None:
            qs = qs.filter(department_id=department_id)
        sums = {key: Sum(key) for key in participation.STAT_COUNTERS}
        for row in qs.values("department_id", "department__name").annotate(**sums).order_by():
            add(row)
    live = [
        period.start + dt.timedelta(days=i)
        for i in range(period.days)
        if period.start + dt.timedelta(days=i) not in rolled
    ]
    for first, last in day_runs(live):
        since, until = day_bounds(first, last)
        for row in participation.department_stats(
            since=since, until=until, department_id=department_id
        ):
            add(row)
    rows = [participation.stat_rates(row) for row in totals.values()]
    rows.sort(key=lambda r: (-r["volume"], r["department_id"]))
    return rows


def appeals_panel(
    *, period: Period, department_id: int | None, hot_period: str, region_code: str
) -> dict:
    """Appeal figures per department for the period and the hot topics of the week or month
    that holds the period's end (today at the latest)."""
    departments = []
    for row in appeal_department_stats(period=period, department_id=department_id):
        departments.append(
            {
                "name": row["department__name"],
                "volume": row["volume"],
                "answered": row["answered"],
                "on_time_rate": _percent(row["on_time_rate"]),
                "satisfaction_rate": _percent(row["satisfaction_rate"]),
                "rated": row["rated"],
                "returns": row["returns"],
                "overdue": row["overdue"],
            }
        )
    hot_period = hot_period if hot_period in HOT_PERIODS else "month"
    region_code = region_code if region_code in REGION_CODES else "*"
    day: dt.date = min(period.end, timezone.localdate())
    topics = participation.hot_topics(
        period=hot_period, day=day, region_code=region_code, limit=WORDCLOUD_WORDS
    )
    return {
        "appeal_departments": departments,
        "hot": {
            "period": hot_period,
            "region": region_code,
            "regions": REGION_CODES,
            "day": day,
            "categories": topics["category"][:10],
            "keywords": topics["keyword"][:10],
            "rising_categories": topics["rising_category"],
            "rising_keywords": topics["rising_keyword"],
        },
        "hot_chart": {
            "type": "wordcloud",
            "title": _("热点诉求关键词"),
            "words": [{"name": r["key"], "value": r["count"]} for r in topics["keyword"]],
        },
    }
