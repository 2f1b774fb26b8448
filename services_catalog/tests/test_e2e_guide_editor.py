"""In a real browser: a publisher adds a FAQ item with Wagtail's list editor (no JSON) and
submits it for moderation; the message is Chinese; after approval the guide shows it.
Screenshots of the editor and the listing go to var/screenshots/ for review."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_publisher_adds_a_faq_in_the_structured_editor(page, e2e_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    anonymous = page.context.browser.new_page(base_url=e2e_server.base_url)
    login(page, "publisher")
    page.goto("/admin/snippets/services_catalog/serviceitem/")
    page.screenshot(path=str(SHOTS / "guide-list.png"), full_page=True)
    assert "True" not in page.locator("table.listing tbody").inner_text()
    page.click("text=失业登记")
    edit_url = page.url
    page.click("text=渠道、咨询与申请表")
    count = int(page.locator("input[name='faq-count']").input_value())
    page.locator(
        "[data-contentpath='faq'] button.c-sf-add-button, #faq button.c-sf-add-button"
    ).last.click()
    page.fill(f"[name='faq-{count}-value-question']", "失业金什么时候到账？")
    page.fill(f"[name='faq-{count}-value-answer']", "审核通过后次月15日前发放到社会保障卡。")
    page.screenshot(path=str(SHOTS / "guide-editor-faq.png"), full_page=True)
    page.click("text=受理条件与申请材料")
    page.screenshot(path=str(SHOTS / "guide-editor-materials.png"), full_page=True)
    with page.expect_navigation():
        page.locator("button[name='action-submit']").dispatch_event("click")
    page.screenshot(path=str(SHOTS / "guide-submitted.png"), full_page=True)
    body = page.locator("body").inner_text()
    assert "已提交审核" in body and "submitted for moderation" not in body

    page.context.clear_cookies()
    login(page, "admin")
    page.goto(edit_url)
    approve = page.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).first
    with page.expect_navigation():
        approve.dispatch_event("click")
    anonymous.goto("/services/RSJ-20-0001/")
    assert "失业金什么时候到账？" in anonymous.content()
    page.goto("/admin/")
    page.screenshot(path=str(SHOTS / "admin-home.png"), full_page=True)
    assert "Search all pages" not in page.content()
