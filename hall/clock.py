"""The hall's one clock (local time), so that tests and the demo can set "now"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.localtime()


def today() -> dt.date:
    return now().date()
