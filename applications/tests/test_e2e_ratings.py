"""差评 handling in a real browser: `reviewer` calls back and rectifies the demo 差评,
`supervisor` confirms it, and the public 好差评 page shows the statistics."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e


def _as(browser, e2e_server, username):
    context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    login(page, username)
    return page


def test_call_back_rectify_and_confirm_the_demo_negative_rating(browser, e2e_server):
    reviewer = _as(browser, e2e_server, "reviewer")
    reviewer.goto("/review/")
    reviewer.get_by_role("link", name="本部门差评回访和整改").click()
    reviewer.wait_for_url(re.compile(r"/review/tickets/$"))
    waiting = reviewer.locator("tr", has_text="待回访").filter(has_text="待整改").first
    number = waiting.locator("a").inner_text().strip()
    waiting.locator("a").click()
    reviewer.wait_for_url(re.compile(r"/review/tickets/\d+/$"))
    ticket_url = reviewer.url
    assert "尚未回访" in reviewer.content()
    # submitting the rectification before the call back is refused
    reviewer.fill("#measures", "已调整咨询电话坐席")
    reviewer.get_by_role("button", name="提交整改结果").click()
    reviewer.wait_for_load_state("networkidle")
    assert "请先完成回访" in reviewer.content()
    # 回访 (the time is prefilled with now)
    reviewer.select_option("select[name=method]", "phone")
    reviewer.get_by_label("回访情况").fill("电话回访：已致歉并说明高峰期增开坐席")
    reviewer.get_by_label("满意", exact=True).check()
    reviewer.get_by_role("button", name="保存回访记录").click()
    reviewer.wait_for_load_state("networkidle")
    content = reviewer.content()
    assert "回访情况已记录" in content and "已致歉并说明高峰期增开坐席" in content
    # 立行立改
    reviewer.fill("#measures", "咨询电话高峰期增开两个坐席")
    reviewer.get_by_role("button", name="提交整改结果").click()
    reviewer.wait_for_load_state("networkidle")
    assert "整改待审核" in reviewer.content()

    supervisor = _as(browser, e2e_server, "supervisor")
    supervisor.goto("/supervision/ratings/?status=rectified")
    assert "好评率" in supervisor.content() and "回访率" in supervisor.content()
    supervisor.get_by_role("link", name=number).click()
    supervisor.wait_for_url(re.compile(r"/supervision/tickets/\d+/$"))
    assert "咨询电话高峰期增开两个坐席" in supervisor.content()
    supervisor.get_by_label("审核意见（退回或审核申诉须填写）").fill("措施到位")
    supervisor.get_by_role("button", name="审核通过").click()
    supervisor.wait_for_load_state("networkidle")
    assert "整改已审核通过" in supervisor.content()

    reviewer.goto(ticket_url)
    content = reviewer.content()
    assert "已整改" in content and "措施到位" in content
    assert "孙丽" in content  # who confirmed, recorded on the ticket's history

    public = browser.new_page(base_url=e2e_server.base_url)
    public.goto("/ratings/")
    assert "政务服务好差评公示" in public.content() and "市人力资源和社会保障局" in public.content()
    public.close()
