"""我的办件 in the navigation: shown to visitors and applicants, whom it serves; hidden from
staff accounts, whom it would only send to a 403 (their way in is 工作台)."""

from __future__ import annotations

import re

import pytest

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from participation.tests.factories import home_page

pytestmark = pytest.mark.django_db

PAGES = ("/", "/services/", "/progress/")


def _me_links(body: str) -> set[str]:
    return set(re.findall(r'href="(/me/[^"]*)"', body))


def test_staff_see_no_my_cases_link_in_the_top_bar_or_home_page(client):
    home_page()
    staff = UserFactory(staff=True, roles=[Role.WINDOW_CLERK], department=DepartmentFactory())
    client.force_login(staff)
    assert client.get("/me/applications/").status_code == 403
    for path in PAGES:
        body = client.get(path).content.decode()
        assert "/me/applications/" not in body, path
        assert "我的办件" not in body, path
        assert 'href="/staff/"' in body, path  # 工作台 is there instead


def test_every_my_page_link_a_staff_member_sees_opens(client):
    home_page()
    staff = UserFactory(staff=True, roles=[Role.WINDOW_CLERK], department=DepartmentFactory())
    client.force_login(staff)
    for path in PAGES:
        for link in _me_links(client.get(path).content.decode()):
            assert client.get(link).status_code == 200, (path, link)


def test_citizens_and_visitors_keep_my_cases(client):
    home_page()
    body = client.get("/").content.decode()
    assert body.count('href="/me/applications/"') == 2  # top bar and the home page's entries
    client.force_login(UserFactory())
    for path in PAGES:
        body = client.get(path).content.decode()
        assert 'href="/me/applications/"' in body, path
    assert client.get("/me/applications/").status_code == 200
