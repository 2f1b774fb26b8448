"""The window in a real browser: 受理 with a material left unchecked is refused; checked, it
goes through. The counter and review pages are captured at desktop width and at 390 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from applications.tests.test_e2e import _as

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/e2e-window"))


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, label in ((1280, "desktop"), (390, "390")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_clerk_is_refused_with_an_unchecked_material_then_checks_and_accepts(browser, e2e_server):
    clerk = _as(browser, e2e_server, "clerk")
    clerk.goto("/counter/")
    _shoot(clerk, "counter-queue")
    clerk.locator("table.queue-table tbody tr a").first.click()
    clerk.wait_for_url("**/counter/*/")
    case_url = clerk.url
    _shoot(clerk, "counter-detail")
    selects = clerk.locator("table.check-table select")
    assert selects.count() >= 1
    # Leave the first material at 待核验 and try to accept.
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.wait_for_load_state("networkidle")
    assert "不能受理" in clerk.locator(".messages, [role=alert], main").first.inner_text() or (
        "不能受理" in clerk.content()
    )
    assert "已受理，受理通知书正在生成" not in clerk.content()
    assert clerk.url == case_url
    # Check every material 符合, then accept.
    for i in range(selects.count()):
        clerk.locator("table.check-table select").nth(i).select_option("ok")
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.wait_for_load_state("networkidle")
    assert "已受理，受理通知书正在生成" in clerk.content()
    assert "已受理" in clerk.locator(".facts").first.inner_text()

    reviewer = _as(browser, e2e_server, "reviewer")
    reviewer.goto("/review/")
    links = reviewer.locator("main table a")
    if links.count():
        links.first.click()
        reviewer.wait_for_load_state("networkidle")
    _shoot(reviewer, "review-detail")
