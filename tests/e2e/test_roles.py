"""Every demo account can sign in and sees the pages its role allows, and no others."""

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

ROLE_PAGES = {
    "citizen": (
        ["/me/", "/me/applications/", "/me/data-access/", "/me/licences/"],
        ["/counter/", "/review/", "/supervision/", "/staff/"],
    ),
    "citizen2": (["/me/applications/"], ["/counter/", "/review/"]),
    "business": (
        ["/me/applications/", "/business/", "/me/data-access/"],
        ["/counter/", "/review/", "/supervision/"],
    ),
    "clerk": (["/staff/", "/counter/", "/supervision/me/"], ["/review/", "/supervision/"]),
    "reviewer": (
        ["/staff/", "/review/", "/admin/", "/supervision/me/"],
        ["/counter/", "/supervision/"],
    ),
    # 部门负责人 of 人社局 (supervision's demo): the department's dashboard, not the ledger
    "head": (
        ["/staff/", "/review/", "/supervision/", "/supervision/me/"],
        ["/counter/", "/supervision/ratings/"],
    ),
    "publisher": (["/staff/", "/admin/"], ["/counter/", "/review/", "/supervision/"]),
    "supervisor": (
        ["/staff/", "/supervision/", "/supervision/ratings/", "/statistics/"],
        ["/counter/", "/review/"],
    ),
    "admin": (["/staff/", "/counter/", "/review/", "/supervision/", "/admin/"], []),
}


@pytest.mark.parametrize("username", list(ROLE_PAGES))
def test_demo_account_sees_what_its_role_allows(page, username):
    allowed, forbidden = ROLE_PAGES[username]
    login(page, username)
    assert page.locator("a.user-link").count() == 1, f"{username} could not sign in"
    for path in allowed:
        response = page.goto(path)
        assert response.status == 200, f"{username} {path} -> {response.status}"
    for path in forbidden:
        response = page.goto(path)
        assert response.status == 403, f"{username} {path} -> {response.status}"
