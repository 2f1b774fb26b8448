"""The one place the hall asks the holiday calendar whether a day is a working day.

Switch this import to ``workdays.selectors.is_working_day`` when the calendar app lands.
"""

from __future__ import annotations

import datetime as dt

from applications.deadlines import is_working_day as _is_working_day


def is_working_day(*, day: dt.date) -> bool:
    return _is_working_day(day)
