"""In real Chromium: the home page at 1280 px and at 390×844; the simplified
长者 home; and axe-core's WCAG 2 A/AA check on the public pages a visitor meets first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.fixtures.common import require

pytestmark = pytest.mark.e2e

# Pinned in package-lock.json; `make install` runs `npm ci`. Test-only, never served.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = r"""async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n    ` +
    v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "")
      .replace(/\s+/g, " ").slice(0, 200)).join("\n    "));
}"""


def _context(browser, e2e_server, *, width: int, height: int):
    context = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    return context


# 长者 mode serves the simplified home instead: see the test after this one.
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_home_shows_icons_popular_services_and_notices_without_sideways_scroll(
    browser, e2e_server, width, height
):
    context = _context(browser, e2e_server, width=width, height=height)
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


def test_elder_mode_from_the_header_gives_the_simplified_home_on_a_phone(browser, e2e_server):
    """长者 mode (适老化): big tiles for the most used services, ≥150 % text with line spacing
    ≥ 1.5, finger-sized targets, 12345 to call, no sideways scrolling, and a way back."""
    context = _context(browser, e2e_server, width=390, height=844)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#popular-heading")).to_be_visible()
    page.get_by_role("link", name="长者大字版").click()
    page.wait_for_load_state("networkidle")

    expect(page.locator("h1")).to_have_text("长者版首页")
    expect(page.locator("#popular-heading")).to_have_count(0)  # not the standard home
    tiles = page.locator(".elder-tiles a.elder-tile")
    assert tiles.count() >= 4
    first = tiles.first
    expect(first).to_be_visible()
    assert re.fullmatch(r"/services/[A-Za-z0-9-]+/", first.get_attribute("href"))
    metrics = first.evaluate(
        """t => { const n = t.querySelector('.elder-tile__name'), cs = getComputedStyle(n);
          return {height: t.getBoundingClientRect().height, font: parseFloat(cs.fontSize),
                  line: parseFloat(cs.lineHeight), color: cs.color}; }"""
    )
    assert metrics["height"] >= 44
    assert metrics["font"] >= 16 * 1.5
    assert metrics["line"] >= metrics["font"] * 1.5
    assert metrics["color"] == "rgb(0, 0, 0)"  # black on white
    call = page.locator("main a[href='tel:12345']")
    expect(call).to_be_visible()
    assert call.bounding_box()["height"] >= 44
    expect(page.get_by_label("搜索您要办的事")).to_be_visible()
    assert page.locator("dialog, [role=dialog], [aria-modal=true]").count() == 0  # no pop-ups
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    name = first.locator(".elder-tile__name").inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(name)
    assert "/services/" in page.url

    page.goto("/")
    page.get_by_role("link", name="返回标准版首页").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#popular-heading")).to_be_visible()
    expect(page.get_by_role("link", name="长者大字版")).to_be_visible()
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_axe_finds_no_wcag_a_or_aa_violation_on_the_public_pages(
    browser, e2e_server, width, height
):
    """axe-core, WCAG 2 A and AA rules: 0 violations on the home page, the policy channel, a
    guide, search, the progress form and, in 长者 mode, the simplified home and a guide."""
    require(AXE.exists(), f"axe-core at {AXE} (make install runs npm ci)")
    found: dict[str, list[str]] = {}

    def check(page, label: str) -> None:
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN)
        if violations:
            found[label] = violations

    # bypass_csp: axe is injected as an inline script, which a Content-Security-Policy may refuse.
    context = browser.new_context(
        base_url=e2e_server.base_url,
        locale="zh-CN",
        viewport={"width": width, "height": height},
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/search/?q=出生")
    guide = page.evaluate(
        """[...document.querySelectorAll("main a")].map(a => a.getAttribute("href"))
            .find(h => /^\\/services\\/[A-Za-z0-9-]+\\/$/.test(h || ""))"""
    )
    assert guide, "search for 出生 shows no guide to check"
    for url in ("/", "/business/", guide, "/search/?q=出生", "/progress/"):
        page.goto(url)
        check(page, url)
    context.add_cookies([{"name": "ywtb_large_text", "value": "1", "url": e2e_server.base_url}])
    for url in ("/", guide):
        page.goto(url)
        check(page, f"长者 {url}")
    context.close()
    report = "\n".join(f"{url}:\n  " + "\n  ".join(v) for url, v in found.items())
    assert not found, f"axe violations at {width} px:\n{report}"
