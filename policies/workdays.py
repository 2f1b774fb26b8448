"""Working days (工作日) for the business channel: the age of a pending policy question.

The calendar itself (official holidays and 调休 working weekends, managed year by year in the
`workdays` app) is reached through applications.deadlines, which delegates to it; a year not
yet confirmed is counted Monday–Friday provisionally there. This module only adds the
channel's rule that an age is never negative.
"""

from __future__ import annotations

import datetime as dt

from applications.deadlines import working_days_between as _signed_working_days_between


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Full working days after ``start`` up to and including ``end`` (0 on the same day or before)."""
    return max(0, _signed_working_days_between(start, end))
