"""The period a dashboard or /statistics/ shows, read from ?start=&end= without ever failing.

Empty → the default period; malformed → the default with a message; reversed → swapped with a
message; longer than SUPERVISION_MAX_PERIOD_DAYS → capped (ending on `end`) with a message.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    message: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[since, until) as aware datetimes in the portal's time zone."""
        tz = timezone.get_current_timezone()
        since = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        until = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return since, until

    def query(self) -> str:
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"


def _parse(value: str | None) -> dt.date | str | None:
    """A date, None when empty, or "bad" when it cannot be read."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return "bad"


def period_from_query(
    params, *, default_days: int | None = None, today: dt.date | None = None
) -> Period:
    today = today or timezone.localdate()
    default_days = default_days or settings.SUPERVISION_DEFAULT_PERIOD_DAYS
    max_days = settings.SUPERVISION_MAX_PERIOD_DAYS
    default = Period(start=today - dt.timedelta(days=default_days - 1), end=today)
    start, end = _parse(params.get("start")), _parse(params.get("end"))
    if start == "bad" or end == "bad":
        return Period(
            default.start,
            default.end,
            _("日期格式无法识别（应为 年-月-日，如 2026-03-01），已显示默认期间。"),
        )
    if start is None and end is None:
        return default
    messages = []
    if end is None:
        end = min(start + dt.timedelta(days=default_days - 1), today)
    if start is None:
        start = end - dt.timedelta(days=default_days - 1)
    if start > end:
        start, end = end, start
        messages.append(_("开始日期晚于结束日期，已交换两者。"))
    if (end - start).days + 1 > max_days:
        start = end - dt.timedelta(days=max_days - 1)
        messages.append(
            _("所选期间超过 %(days)s 天，已截取为截至结束日期的最近 %(days)s 天。")
            % {"days": max_days}
        )
    return Period(start, end, "".join(messages))
