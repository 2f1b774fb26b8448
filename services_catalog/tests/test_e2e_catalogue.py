"""In a real browser: a visitor browses 个人办事, opens a guide and downloads the 一次告知书;
a publisher's draft goes through 办事指南审核 and is public only after admin approval."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e


def test_visitor_browses_opens_guide_and_downloads_pdf(page, e2e_server):
    page.goto("/services/")
    page.click("text=个人办事")
    page.click("text=失业求职")
    assert "失业登记" in page.locator(".catalog-cards").inner_text()
    page.click(".catalog-cards >> text=失业登记")
    assert page.url.endswith("/services/RSJ-20-0001/")
    main = page.locator("main").inner_text()
    for text in ("受理条件", "申请材料", "免提交", "办理流程", "承诺办结时限", "常见问题"):
        assert text in main
    assert (
        page.locator("a.button--accent", has_text="在线办理").get_attribute("href")
        == "/apply/RSJ-20-0001/"
    )
    response = page.request.get(f"{e2e_server.base_url}/services/RSJ-20-0001/guide.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "失业登记一次告知书" in text and "解除或终止劳动合同证明" in text


def test_publisher_draft_is_public_only_after_admin_approval(page, e2e_server):
    anonymous = page.context.browser.new_page(base_url=e2e_server.base_url)
    login(page, "publisher")
    page.goto("/admin/snippets/services_catalog/serviceitem/")
    page.click("text=个人社会保险权益记录查询打印")
    edit_url = page.url
    page.fill("#id_name", "个人社会保险权益记录查询打印（新版）")
    with page.expect_navigation():
        page.locator("button[name='action-submit']").dispatch_event("click")
    anonymous.goto("/services/RSJ-20-0006/")
    assert "（新版）" not in anonymous.content()

    page.context.clear_cookies()
    login(page, "admin")
    page.goto(edit_url)
    approve = page.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).first
    with page.expect_navigation():
        approve.dispatch_event("click")
    anonymous.goto("/services/RSJ-20-0006/")
    assert "个人社会保险权益记录查询打印（新版）" in anonymous.content()
