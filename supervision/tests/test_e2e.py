"""Done when, in real Chromium: the supervisor opens the dashboard, sees the charts drawn with
data, drills from a department's red count to a late case, sees its stage times and holder and
issues a 督办; the holder sees and answers it; the holder's own work record shows both steps.
And /statistics/ draws its charts for an anonymous visitor, with the API's figures."""

from __future__ import annotations

import datetime as dt
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


def _charts_drawn(page, names):
    for name in names:
        page.wait_for_selector(f'[data-chart="{name}"][data-rendered="true"] canvas')


def test_red_card_to_chase_to_answer(browser, e2e_server):
    boss = _as(browser, e2e_server, "supervisor")
    boss.goto("/supervision/")
    _charts_drawn(boss, ["volume", "ontime", "warnings", "satisfaction", "exchange"])
    assert boss.locator(".kpis").inner_text().count("%") >= 3  # rates computed from the history
    # the red count of 市人力资源和社会保障局 → its red cases → the one 刘洋 holds
    row = boss.locator(".figures-table tr", has_text="市人力资源和社会保障局").first
    row.locator("[data-red-count]").click()
    boss.wait_for_url(re.compile(r"/supervision/cases/\?metric=red"))
    late = boss.locator(".late-table tbody tr", has_text="刘洋").first
    number = late.locator("td a").first.inner_text().strip()
    late.locator("td a").first.click()
    boss.wait_for_url(re.compile(r"/supervision/cases/\d+/$"))
    case_url = boss.url
    assert boss.locator(".holder").inner_text().strip() == "刘洋"
    stages = boss.locator(".stage-table").inner_text()
    assert "窗口受理" in stages and "部门审查" in stages
    boss.get_by_label("督办事项").fill("该件已超承诺时限，请说明原因并于三日内办结。")
    due = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    boss.get_by_label("答复期限").fill(due)
    boss.get_by_role("button", name="发出督办").click()
    boss.wait_for_load_state("networkidle")
    assert "督办已发出" in boss.content() and "督办中" in boss.content()

    holder = _as(browser, e2e_server, "reviewer")
    holder.goto("/supervision/me/")
    waiting = holder.locator(".chase-open")
    assert number in waiting.inner_text() and "请说明原因" in waiting.inner_text()
    waiting.get_by_role("link", name=number).click()
    holder.wait_for_url(case_url)
    holder.get_by_label("答复内容").fill("申请人补充材料延误，已于今日作出决定。")
    holder.get_by_role("button", name="答复督办").click()
    holder.wait_for_load_state("networkidle")
    assert "已答复督办" in holder.content()
    assert holder.locator(".chase-open").count() == 0  # no longer shown as open on the case
    holder.goto("/supervision/me/")
    record = holder.content()
    assert "收到督办" in record and "答复督办" in record and "已于今日作出决定" in record

    boss.goto(case_url)
    assert "申请人补充材料延误" in boss.content() and boss.locator(".chase-open").count() == 0


def test_statistics_for_an_anonymous_visitor_match_the_api(browser, e2e_server):
    context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
    page = context.new_page()
    page.goto("/statistics/")
    _charts_drawn(page, ["volume", "rates", "handling"])
    shown = page.locator(".kpis div").first.locator("dd").inner_text().strip()
    api = page.request.get("/api/v1/statistics/summary").json()
    assert int(shown) == api["totals"]["received"] > 1000
    table = page.locator(".public-table").nth(1).inner_text()
    for dept in api["departments"][:3]:
        assert dept["name"] in table
    context.close()


def test_hot_topics_word_cloud_renders_without_console_errors(browser, e2e_server):
    """The 热点诉求 panel draws its word cloud with the vendored echarts-wordcloud (no CDN,
    no inline script) and the page logs no error; switching to a week and a region keeps it."""
    context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, "supervisor")
    page.goto("/supervision/")
    page.wait_for_selector('[data-chart="hotwords"][data-rendered="true"] canvas')
    panel = page.locator("#hot-topics")
    assert panel.locator(".hot-keywords li").count() > 0
    assert page.locator(".appeal-figures tbody tr").count() > 1  # appeals per department
    # the canvas has something drawn on it (not a blank rectangle)
    painted = page.evaluate(
        """() => { const c = document.querySelector('[data-chart="hotwords"] canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i]) { n++; } } return n; }"""
    )
    assert painted > 100
    panel.get_by_label("周期").select_option("week")
    panel.get_by_role("button", name="切换").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#hot-period").input_value() == "week"
    assert errors == [], errors
    context.close()
