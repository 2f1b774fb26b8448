"""In a real browser: publisher drafts and submits a power entry, admin approves, it goes public."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

CODE = "11310000MB2F10004X019901"
NAME = "人力资源服务许可（端到端）"


def _submit_new_entry(page) -> None:
    page.goto("/admin/snippets/portal/powerentry/add/")
    page.fill("#id_name", NAME)
    page.fill("#id_basic_code", "0100009901")
    page.fill("#id_code", CODE)
    page.select_option("#id_power_type", "01")
    page.fill("#id_legal_bases-0-law", "中华人民共和国就业促进法")
    page.fill("#id_legal_bases-0-article", "第四十条")
    page.locator(".w-dropdown--dropdown-button .w-dropdown__toggle").first.click()
    page.click("button[name=action-submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text(NAME)


def test_publisher_submits_admin_approves_history_kept(browser, e2e_server):
    def new_page():
        context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
        context.set_default_timeout(20_000)
        return context.new_page()

    publisher = new_page()
    login(publisher, "publisher")
    _submit_new_entry(publisher)
    pk = (
        e2e_server.manage(
            "shell",
            "-c",
            f"from portal.models import PowerEntry; print(PowerEntry.objects.get(code='{CODE}').pk)",
        )
        .strip()
        .splitlines()[-1]
    )

    visitor = new_page()
    visitor.goto("/lists/power/?q=端到端")
    expect(visitor.locator("main")).to_contain_text("没有符合条件")
    assert visitor.goto(f"/lists/power/{CODE}/").status == 404

    admin = new_page()
    login(admin, "admin")
    admin.goto("/admin/")
    expect(admin.locator("main")).to_contain_text(NAME)  # 等待你的审查
    admin.goto(f"/admin/snippets/portal/powerentry/edit/{pk}/")
    admin.locator(".w-dropdown--dropdown-button .w-dropdown__toggle").first.click()
    admin.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    admin.wait_for_load_state("networkidle")

    visitor.goto("/lists/power/?q=端到端")
    expect(visitor.locator("table.list-table")).to_contain_text(NAME)
    visitor.goto(f"/lists/power/{CODE}/")
    expect(visitor.locator("h1")).to_have_text(NAME)
    expect(visitor.locator("main")).to_contain_text("《中华人民共和国就业促进法》第四十条")

    # The publisher edits it again: a new draft revision; the approved version stays public
    # and the history keeps both.
    publisher.goto(f"/admin/snippets/portal/powerentry/edit/{pk}/")
    publisher.fill("#id_name", NAME + "修订")
    publisher.click("footer button.action-save")
    publisher.wait_for_load_state("networkidle")
    visitor.goto(f"/lists/power/{CODE}/")
    expect(visitor.locator("h1")).to_have_text(NAME)
    admin.goto(f"/admin/snippets/portal/powerentry/history/{pk}/")
    history = admin.locator("main")
    expect(history).to_contain_text("publisher")
    expect(history).to_contain_text("admin")
    revisions = (
        e2e_server.manage(
            "shell",
            "-c",
            f"from portal.models import PowerEntry; e = PowerEntry.objects.get(code='{CODE}'); "
            "print('|'.join(r.as_object().name for r in e.revisions.order_by('created_at')))",
        )
        .strip()
        .splitlines()[-1]
    )
    names = revisions.split("|")
    assert names[0] == NAME and names[-1] == NAME + "修订" and len(names) >= 2
