"""In real Chromium: the home page at 1280 px, at 390×844 and in 长者 mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _context(browser, e2e_server, *, width: int, height: int, large: bool = False):
    context = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    if large:
        context.add_cookies([{"name": "ywtb_large_text", "value": "1", "url": e2e_server.base_url}])
    return context


@pytest.mark.parametrize(
    ("width", "height", "large"),
    [(1280, 900, False), (390, 844, False), (390, 844, True)],
)
def test_home_shows_icons_popular_services_and_notices_without_sideways_scroll(
    browser, e2e_server, width, height, large
):
    context = _context(browser, e2e_server, width=width, height=height, large=large)
    page = context.new_page()
    page.goto("/")
    expect(page.locator(".popular-list li").first).to_be_visible()
    expect(page.locator(".notice-list li").first).to_be_visible()
    icon = page.locator(".service-card svg.icon").first
    expect(icon).to_be_visible()
    assert icon.bounding_box()["width"] >= 30
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".notice-list a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert "/notices/" in page.url
    context.close()
