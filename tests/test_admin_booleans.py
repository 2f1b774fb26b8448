"""The admin lists read 是/否, never True/False (issue 12, item 6): walked as the demo admin,
the 四张清单, hall and 派单目录 lists still showed "True" in their 在用/启用 columns."""

from __future__ import annotations

import re

import pytest

from accounts.tests.factories import UserFactory
from hall.tests.factories import WindowFactory
from participation.tests.factories import setup_loop
from portal.tests.factories import NegativeListItemFactory, PowerEntryFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/admin/snippets/portal/powerentry/",
    "/admin/snippets/portal/negativelistitem/",
    "/admin/hall_halls/",
    "/admin/hall_groups/",
    "/admin/hall_windows/",
    "/admin/snippets/participation/dispatchrule/",
]


@pytest.mark.parametrize("path", LISTS)
def test_admin_lists_show_booleans_in_chinese(client, path):
    PowerEntryFactory()
    NegativeListItemFactory()
    WindowFactory()
    setup_loop()
    admin = UserFactory(username="boss", staff=True)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client.force_login(admin)
    page = client.get(path).content.decode()
    assert not re.findall(r">\s*(True|False)\s*<", page)
    assert re.search(r">\s*[是否]\s*<", page)
