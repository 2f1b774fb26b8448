"""Done-when of issue 15 in a real browser against a real portal process."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e


def _as(browser, e2e_server, username=None):
    context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    if username:
        login(page, username)
    return page


def _act(page, action: str, fields: dict | None = None, button: str | None = None):
    form = page.locator(f"form.action-form--{action}")
    for name, value in (fields or {}).items():
        field = form.locator(f"[name={name}]")
        if field.first.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        elif field.first.get_attribute("type") == "radio":
            form.get_by_label(value, exact=True).check()
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def _work_record(e2e_server, number: str) -> str:
    code = (
        "from participation.appeals.models import Appeal;"
        "from worklog.models import WorkRecord;"
        f"a=Appeal.objects.get(number='{number}');"
        "print(' '.join(WorkRecord.objects.filter(target_type='participation.appeal',"
        " target_id=str(a.pk)).order_by('id').values_list('action', flat=True)))"
    )
    return e2e_server.manage("shell", "-c", code)


def test_complaint_returned_reassigned_reopened_and_closed(browser, e2e_server):
    citizen = _as(browser, e2e_server, "citizen")
    citizen.goto("/appeals/new/")
    citizen.select_option("select[name=appeal_type]", label="投诉")
    citizen.select_option("select[name=category]", label="市场监管与消费维权")
    citizen.fill("input[name=subject]", "小区门口商铺占道经营")
    citizen.fill(
        "textarea[name=description]",
        "嘉定区城中路小区门口的商铺长期占用人行道摆放货物，行人只能走机动车道。",
    )
    citizen.select_option("select[name=region_code]", label="嘉定区")
    citizen.fill("input[name=address]", "城中路18号")
    citizen.fill("input[name=reporter_phone]", "13800138001")
    citizen.get_by_role("button", name="提交诉求").dblclick()
    citizen.wait_for_url(re.compile(r"/appeals/receipt/"))
    number = citizen.locator(".appeal-number").inner_text().strip()
    citizen.goto(f"/me/appeals/{number}/")
    assert "已派单" in citizen.content() and "市市场监督管理局" in citizen.content()

    market = _as(browser, e2e_server, "handler_scjg")
    market.goto(f"/dept/appeals/{number}/")
    assert "13800138001" not in market.content()
    _act(market, "return", {"reason": "占道经营属住建（城管）职责，非本局管辖。"})
    assert "退单待审" in market.content()

    operator = _as(browser, e2e_server, "operator")
    operator.goto(f"/hotline/appeals/{number}/")
    _act(
        operator,
        "reassign",
        {"department": "市住房和城乡建设管理委员会", "reason": "确属住建委职责"},
    )
    assert "市住房和城乡建设管理委员会" in operator.content()
    assert market.goto(f"/dept/appeals/{number}/").status == 404  # no longer its appeal

    housing = _as(browser, e2e_server, "handler_zjw")
    housing.goto(f"/dept/appeals/{number}/")
    _act(housing, "take")
    _act(housing, "answer", {"answer": "已联系街道城管中队，责令商铺清理占道货物。"})

    operator.goto(f"/hotline/appeals/{number}/")
    _act(operator, "callback", {"satisfaction": "不满意", "note": "货物仍在"})

    citizen.goto(f"/me/appeals/{number}/")
    form = citizen.locator("form.reopen-form")
    form.locator("textarea[name=reason]").fill("商铺第二天又把货物摆出来了。")
    form.get_by_role("button", name="申请重办").click()
    citizen.wait_for_load_state("networkidle")
    assert "办理中" in citizen.content()

    housing.goto(f"/dept/appeals/{number}/")
    _act(housing, "answer", {"answer": "已立案处罚并安排每日巡查，占道问题已解决。"})
    operator.goto(f"/hotline/appeals/{number}/")
    _act(operator, "callback", {"satisfaction": "满意"})
    assert "已办结" in operator.content()

    citizen.goto(f"/me/appeals/{number}/")
    timeline = citizen.locator(".appeal-timeline").inner_text()
    steps = ["受理", "派单", "退单", "改派", "签收办理", "答复", "回访", "重办", "办结"]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions), timeline
    assert citizen.content().count("appeal-timeline__item") >= 11
    record = _work_record(e2e_server, number)
    for action in (
        "submit",
        "dispatch",
        "return",
        "reassign",
        "take",
        "answer",
        "callback",
        "reopen",
        "close",
    ):
        assert f"participation.appeal_{action}" in record, record


def test_comment_moderated_and_feedback_report_after_close(browser, e2e_server):
    resident = _as(browser, e2e_server, "resident")
    resident.goto("/consultations/")
    resident.get_by_role("link", name=re.compile("灵活就业人员社会保险补贴办法")).click()
    section = resident.locator(".consultation-section").nth(2)
    section.locator("textarea[name=text]").fill("建议将补贴期限与缴费年限挂钩，缴满10年的延长1年。")
    section.get_by_role("button", name="提交意见").click()
    resident.wait_for_load_state("networkidle")
    assert "审核通过后公开显示" in resident.content()
    page_url = resident.url.split("#")[0]

    publisher = _as(browser, e2e_server, "publisher")
    publisher.goto("/participation/moderation/")
    publisher.get_by_role("link", name=re.compile("灵活就业人员社会保险补贴办法")).click()
    card = publisher.locator(".moderation-comment", has_text="缴满10年")
    card.get_by_role("button", name="通过", exact=True).click()
    publisher.wait_for_load_state("networkidle")

    resident.goto(page_url)
    assert "缴满10年的延长1年" in resident.content()

    e2e_server.manage(
        "shell",
        "-c",
        "from django.utils import timezone;import datetime as dt;"
        "from participation.consultations.models import ConsultationPage as P;"
        "P.objects.filter(slug='draft-employment-subsidy').update("
        "closes_at=timezone.now()-dt.timedelta(minutes=1))",
    )
    publisher.reload()
    card = publisher.locator(".moderation-comment", has_text="缴满10年")
    card.locator("select[name=outcome]").select_option(label="部分采纳")
    card.locator("input[name=outcome_reason]").fill(
        "与缴费年限挂钩的思路已吸收，延长幅度另行研究。"
    )
    card.get_by_role("button", name="保存采纳情况").click()
    publisher.wait_for_load_state("networkidle")
    publisher.locator("form.feedback-form textarea[name=summary]").fill(
        "共收到意见1条，部分采纳1条。"
    )
    publisher.locator("form.feedback-form").get_by_role("button", name="发布").click()
    publisher.wait_for_load_state("networkidle")
    assert "采纳情况已发布" in publisher.content()

    visitor = _as(browser, e2e_server)
    visitor.goto(page_url)
    report = visitor.locator(".feedback-report").inner_text()
    assert "部分采纳" in report and "延长幅度另行研究" in report and "收到意见" in report


def test_emergency_banner_appears_on_a_cached_page_within_a_minute(browser, e2e_server):
    visitor = _as(browser, e2e_server)
    for _ in range(2):  # the second visit is served from the anonymous page cache
        visitor.goto("/lists/")
    assert "燃气管道抢修" not in visitor.content()

    admin = _as(browser, e2e_server, "admin")
    admin.goto("/admin/snippets/participation/emergencybanner/add/")
    admin.fill("input[name=title]", "燃气管道抢修")
    admin.fill("input[name=message]", "嘉定区城中路今日10时至18时停气，请提前做好准备。")
    admin.select_option("select[name=level]", "red")
    ends = (dt.datetime.now() + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    admin.fill("input[name=ends_at]", ends)
    admin.keyboard.press("Escape")  # close the date picker
    admin.get_by_role("button", name="保存", exact=True).click()
    admin.wait_for_url(re.compile(r"/admin/snippets/participation/emergencybanner/$"))

    for _ in range(70):
        visitor.goto("/lists/")
        if "燃气管道抢修" in visitor.content():
            break
        visitor.wait_for_timeout(1000)
    else:
        raise AssertionError("the banner did not appear within a minute")
    assert visitor.locator(".emergency-banner--red").is_visible()
