"""The page frame every public page shares.

Promises: "every page's title reads 页面 - 一网通办政务服务网"; "every page has a description for
search engines"; "I can call 12345 from the page on my phone"; "on a phone the menu opens from a
button"; "长者 mode offers to read the page aloud".
"""

from __future__ import annotations

import re

import pytest

from services_catalog.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


@pytest.mark.parametrize("url", ["/services/", "/lists/power/", "/progress/", "/search/?q=社保"])
def test_one_title_pattern_and_a_description(client, url, settings):
    html = client.get(url).content.decode()
    title = _title(html)
    assert title.endswith(f" - {settings.PORTAL_NAME}"), title
    assert not title.startswith(" - ")
    assert '<meta name="description" content="' in html


def test_a_guide_title_names_the_service(client, settings):
    service = ServiceItemFactory(name="出生登记")
    html = client.get(f"/services/{service.code}/").content.decode()
    assert _title(html) == f"出生登记 - {settings.PORTAL_NAME}"


def test_12345_is_a_phone_link_and_the_menu_has_a_button(client):
    html = client.get("/services/").content.decode()
    assert 'href="tel:12345"' in html
    assert 'class="nav-toggle"' in html and 'aria-controls="main-nav-list"' in html
    assert "portal/js/frame.js" in html


def test_large_text_mode_offers_read_aloud(client):
    client.cookies["ywtb_large_text"] = "1"
    html = client.get("/progress/").content.decode()
    assert 'class="large-text"' in html
    assert "朗读本页" in html
