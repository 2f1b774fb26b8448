"""The e2e server's local time is noon at any hour of the day the suite runs.

The hall journey books a slot "today"; in China's zone after 23:50 there is none left, and the
suite failed in CI at 23:5x Beijing time. The harness therefore moves its server to a zone where
it is between 12:00 and 13:00, through the TIME_ZONE setting a deployment would use."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.fixtures.browser import midday_zone

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("hour", range(24))
def test_the_e2e_server_zone_is_at_noon_for_every_utc_hour(hour):
    now = dt.datetime(2026, 12, 6, hour, 55, tzinfo=dt.UTC)
    assert now.astimezone(ZoneInfo(midday_zone(now))).hour == 12


def test_a_time_zone_that_does_not_exist_stops_start_up_in_one_line():
    env = {
        **os.environ,
        "TIME_ZONE": "Asia/Beijing",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "error: TIME_ZONE='Asia/Beijing' is not an IANA time zone"
