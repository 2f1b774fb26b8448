"""The issue's Done-when, in a real browser against a real portal process with the demo data."""

import uuid

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e


def test_business_matches_confirms_asks_and_department_answers(page):
    # 1. The business sees its matched policies, each with the reasons.
    login(page, "business")
    page.goto("/business/")
    matched = page.locator("section.match-section").first
    assert "为您匹配的政策" in matched.inner_text()
    card = matched.locator("li.match", has_text="失业保险稳岗返还")
    text = card.inner_text()
    assert "匹配理由" in text and "企业规模为中型、小型或微型企业" in text
    assert "纳税信用等级为A级、B级或M级" in text
    assert "差一点符合" in page.content()

    # 2. It confirms the 免申即享 policy; the application shows in /me/applications/.
    page.goto("/business/notices/")
    notice = page.locator("li.notice-item", has_text="失业保险稳岗返还")
    notice.get_by_role("button", name="确认享受").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/me/applications/")
    assert "稳岗返还" in page.content()

    # 3. It asks a question about a policy.
    question = f"确认享受后是否还需要提交纸质材料？（{uuid.uuid4().hex[:6]}）"
    page.goto("/business/wengang-fanhuan/")
    page.fill("#id_question", question)
    page.get_by_role("button", name="提交问题").click()
    page.wait_for_load_state("networkidle")
    assert "问题已提交" in page.content() and "咨询诉求" in page.content()
    assert question in page.content()
    # The question is a 咨询 appeal the business follows under 我的诉求 (one loop).
    page.get_by_role("link", name="查看办理进度和答复").first.click()
    page.wait_for_load_state("networkidle")
    assert "/me/appeals/" in page.url and question in page.content()

    # 4. A department user answers in the admin; the answer appears on the policy page.
    page.context.clear_cookies()
    login(page, "reviewer")
    page.goto("/admin/policy_questions/")
    page.get_by_role("link", name=question[:20]).first.click()
    answer = "不需要。确认后系统直接生成办件，无需提交纸质材料。"
    page.fill("#id_answer", answer)
    page.check("#id_published_as_faq")
    page.locator("form:has(#id_answer) button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.goto("/business/wengang-fanhuan/")
    faq = page.locator("dl.faq").inner_text()
    assert answer in faq and question in faq
