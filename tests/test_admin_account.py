"""The admin's account settings offer time zones a browser knows (Chromium threw on "localtime",
which Wagtail listed because Debian's zoneinfo holds a file of that name)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_time_zone_choices_are_real_zones_with_china_first(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    body = client.get("/admin/account/").content.decode()
    select = re.search(r'<select name="locale-current_time_zone".*?</select>', body, re.S).group(0)
    zones = [z for z in re.findall(r'<option value="([^"]*)"', select) if z]
    assert "localtime" not in zones
    assert zones[0] == "Asia/Shanghai"
    for zone in zones:
        ZoneInfo(zone)
