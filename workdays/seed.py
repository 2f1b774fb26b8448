"""What the `chinesecalendar` package knows, as plain entries (used by the service and the
data migration alike, so both seed the same thing)."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version

from chinese_calendar import constants

from workdays.constants import CHINESE_CALENDAR_SOURCE, DayKind

# chinese_calendar names holidays in English; the calendar shows the official Chinese names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_source() -> str:
    return CHINESE_CALENDAR_SOURCE.format(version=version("chinesecalendar"))


def package_years() -> list[int]:
    """Every year the installed chinesecalendar has a schedule for."""
    return sorted({day.year for day in constants.holidays})


def package_entries(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, kind, Chinese name) of the year's holidays and 调休 working days, in date order."""
    entries = [
        (day, DayKind.HOLIDAY.value, HOLIDAY_NAMES.get(str(name), str(name)))
        for day, name in constants.holidays.items()
        if day.year == year
    ]
    entries += [
        (day, DayKind.WORKDAY.value, HOLIDAY_NAMES.get(str(name), str(name)))
        for day, name in constants.workdays.items()
        if day.year == year
    ]
    return sorted(entries)
