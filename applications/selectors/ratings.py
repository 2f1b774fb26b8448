"""Published 好差评 statistics."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from applications.constants import (
    Satisfaction,
    TicketStatus,
)
from applications.models import (
    Application,
)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def rating_statistics(*, start: dt.date, end: dt.date) -> dict:
    """好评率, 主动评价率, 差评整改率 and 回访率 per department, over the cases completed
    (办结) between start and end inclusive; ratings whose 申诉 was upheld count nowhere.

    - 好评率 = ratings 1–3 ÷ ratings; 主动评价率 = ratings ÷ completed cases;
    - 差评整改率 = 差评 whose rectification 效能监督 confirmed ÷ 差评;
    - 回访率 = 差评 called back ÷ 差评.
    One query, whatever the number of departments.
    """
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    counted = Q(evaluation__isnull=False, evaluation__excluded=False)
    bad = counted & Q(evaluation__level__gte=Satisfaction.DISSATISFIED)
    rows = list(
        Application.objects.filter(completed_at__gte=since, completed_at__lt=until)
        .values("department_id", "department__name")
        .annotate(
            completed=Count("pk"),
            rated=Count("pk", filter=counted),
            good=Count("pk", filter=counted & Q(evaluation__level__lte=Satisfaction.BASICALLY)),
            bad=Count("pk", filter=bad),
            called_back=Count(
                "pk", filter=bad & Q(evaluation__ticket__called_back_at__isnull=False)
            ),
            rectified=Count("pk", filter=bad & Q(evaluation__ticket__status=TicketStatus.RESOLVED)),
            upheld=Count("pk", filter=Q(evaluation__excluded=True)),
        )
        .order_by("department__name")
    )
    keys = ("completed", "rated", "good", "bad", "called_back", "rectified", "upheld")
    total = {k: sum(r[k] for r in rows) for k in keys}
    total["department__name"] = ""
    for row in [*rows, total]:
        row["good_rate"] = _rate(row["good"], row["rated"])
        row["rated_rate"] = _rate(row["rated"], row["completed"])
        row["rectified_rate"] = _rate(row["rectified"], row["bad"])
        row["callback_rate"] = _rate(row["called_back"], row["bad"])
    return {"start": start, "end": end, "rows": rows, "total": total}


def rating_statistics_default_period(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year so far."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today
