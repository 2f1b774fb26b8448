"""12345 appeals on the supervision dashboard: per-department figures and 热点诉求.

Read only through participation's public selectors: the per-department figures are one
aggregate over the period's appeals, the hot topics come from the counters participation keeps
current as appeals arrive (never recomputed here).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import REGION_CODES
from participation import selectors as participation
from supervision.periods import Period

HOT_PERIODS = ("week", "month")
WORDCLOUD_WORDS = 60


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def appeals_panel(
    *, period: Period, department_id: int | None, hot_period: str, region_code: str
) -> dict:
    """Appeal figures per department for the period and the hot topics of the week or month
    that holds the period's end (today at the latest)."""
    since, until = period.bounds()
    departments = []
    for row in participation.department_stats(
        since=since, until=until, department_id=department_id
    ):
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
