"""Issue 13's phone journey, in real Chromium at 390×844: a visitor opens the menu, finds 出生
through search, reads a guide without sideways scrolling, then switches to 长者 mode and to
English. What the visitor relies on: every step is reachable by touch on a phone and nothing
spills off the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 390, 844


def _fits(page) -> bool:
    if page.evaluate("document.documentElement.scrollWidth") <= WIDTH:
        return True
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.innerText||'').slice(0, 40))""",
        WIDTH,
    )
    print("wider than the screen:", wide)
    return False


def test_phone_visitor_menu_search_guide_elder_mode_and_english(browser, e2e_server):
    context = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", viewport={"width": WIDTH, "height": HEIGHT}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/")

    # The menu button stands in for the header navigation below 768 px.
    toggle = page.locator("button.nav-toggle")
    expect(toggle).to_be_visible()
    assert toggle.bounding_box()["height"] >= 44  # a finger-sized target
    expect(page.locator("#main-nav-list a", has_text="办事服务")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav-list a", has_text="办事服务")).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert _fits(page)

    # 出生 through the home page's search.
    page.fill("#q", "出生")
    page.press("#q", "Enter")
    page.wait_for_url("**/search/**")
    guide = page.locator("main a", has_text="出生医学证明").first
    expect(guide).to_be_visible()
    assert _fits(page)
    guide.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("出生")
    assert _fits(page), "the guide scrolls sideways at 390 px"
    # The materials table reads as cards: nothing in it scrolls sideways either, and each
    # cell says which column it is.
    table = page.locator("table.guide-materials")
    expect(table).to_be_visible()
    assert page.evaluate(
        "(() => { const w = document.querySelector('.guide-materials').closest('.table-wrap');"
        " return w.scrollWidth <= w.clientWidth; })()"
    ), "the materials table scrolls sideways at 390 px"
    assert table.locator("td[data-label]").count() > 0

    # 长者 mode: larger text on the same guide, still no sideways scroll.
    base_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="长者大字版").click()
    page.wait_for_load_state("networkidle")
    assert "large-text" in (page.locator("html").get_attribute("class") or "").split()
    large_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large_size >= base_size * 1.5
    expect(page.locator("h1")).to_contain_text("出生")
    assert _fits(page)
    page.get_by_role("link", name="标准版").click()
    page.wait_for_load_state("networkidle")

    # English: the frame switches language on the same guide.
    page.locator(".top-bar a[hreflang=en], a[hreflang=en]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("button.nav-toggle")).to_contain_text("Menu")
    assert _fits(page)

    # The published 好差评 statistics: a card per department, nothing scrolls sideways.
    page.goto("/ratings/")
    table = page.locator("table.rating-statistics")
    expect(table).to_be_visible()
    assert _fits(page)
    assert page.evaluate(
        "(() => { const w = document.querySelector('.rating-statistics').closest('.table-wrap');"
        " return w.scrollWidth <= w.clientWidth; })()"
    ), "the statistics table scrolls sideways at 390 px"
    context.close()
