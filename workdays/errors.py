"""Errors of the official calendar. Working-day arithmetic never guesses a year it does not know."""

from __future__ import annotations

from django.utils.translation import gettext as _


class CalendarUnconfirmed(Exception):
    """The computation touches a year whose holiday schedule is not confirmed (待确认)."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(_("%(year)s 年的节假日安排尚未确认") % {"year": year})


class SeedUnavailable(Exception):
    """The chinesecalendar package has no data for that year."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(_("chinesecalendar 没有 %(year)s 年的数据") % {"year": year})
