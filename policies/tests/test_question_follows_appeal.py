"""A business's policy question became a 咨询 appeal: when the issuing department answers the
appeal (its own appeal page), the business's question pages show 已答复 and the answer; when
the appeal is reopened (重办) the question is 待答复 again."""

import pytest

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from participation import roles
from participation.appeals import services as appeals
from participation.appeals.models import Appeal
from policies.constants import QuestionStatus
from policies.models import PolicyQuestion
from policies.tests.factories import business_profile, policy_page

pytestmark = pytest.mark.django_db


def _status_cell(body: str, question: str) -> str:
    row = body[body.index(question) :]
    return row[row.index('class="question-status"') :].split("<", 1)[0]


def test_question_page_shows_answered_after_the_department_answers_the_appeal(client):
    roles.roles_sync()
    rsj = DepartmentFactory(code="rsj-qa", name="测试人社局")
    business = UserFactory(business=True)
    business_profile(organisation=business.organisation)
    policy = policy_page(department=rsj, title="稳岗返还")
    client.force_login(business)
    client.post(f"/business/policies/{policy.pk}/ask/", {"question": "返还资金多久能到账？"})
    question = PolicyQuestion.objects.get()
    assert "待答复" in _status_cell(client.get("/business/questions/").content.decode(), "返还资金")

    staff = UserFactory(staff=True, department=rsj, roles=[Role.DEPT_REVIEWER])
    client.force_login(staff)
    base = f"/dept/appeals/{question.appeal_number}"
    assert client.post(f"{base}/take/").status_code == 302
    response = client.post(f"{base}/answer/", {"answer": "复核通过后5个工作日内拨付。"})
    assert response.status_code == 302
    assert Appeal.objects.get(number=question.appeal_number).state == "answered"

    client.force_login(business)
    body = client.get("/business/questions/").content.decode()
    assert "已答复" in _status_cell(body, "返还资金") and "复核通过后5个工作日内拨付" in body
    page = client.get(policy.url).content.decode()
    assert "复核通过后5个工作日内拨付" in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_by == staff

    # 回访 unsatisfied and 重办: the department is handling it again
    operator = UserFactory(staff=True, department=DepartmentFactory(code="zwfw-qa"))
    operator.groups.add(roles.hotline_operator_group())
    appeal = Appeal.objects.get(number=question.appeal_number)
    appeals.appeal_callback(appeal=appeal, actor=operator, satisfaction="unsatisfied")
    appeals.appeal_reopen(appeal=appeal, actor=operator, reason="到账时间仍不清楚")
    body = client.get("/business/questions/").content.decode()
    assert "待答复" in _status_cell(body, "返还资金")


def test_a_failed_answer_changes_neither_the_appeal_nor_the_question(client):
    roles.roles_sync()
    rsj = DepartmentFactory(code="rsj-qb", name="测试人社局")
    business = UserFactory(business=True)
    business_profile(organisation=business.organisation)
    policy = policy_page(department=rsj)
    client.force_login(business)
    client.post(f"/business/policies/{policy.pk}/ask/", {"question": "请问怎么申报补贴？"})
    question = PolicyQuestion.objects.get()
    outsider = UserFactory(staff=True, department=DepartmentFactory(), roles=[Role.DEPT_REVIEWER])
    client.force_login(outsider)  # another department: not found, nothing changes
    response = client.post(f"/dept/appeals/{question.appeal_number}/answer/", {"answer": "x"})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING and question.answer == ""


def test_later_steps_of_the_appeal_do_not_undo_an_answer_given_in_the_admin(client):
    roles.roles_sync()
    rsj = DepartmentFactory(code="rsj-qc", name="测试人社局")
    business = UserFactory(business=True)
    business_profile(organisation=business.organisation)
    policy = policy_page(department=rsj)
    client.force_login(business)
    client.post(f"/business/policies/{policy.pk}/ask/", {"question": "补贴标准是多少？"})
    question = PolicyQuestion.objects.get()
    reviewer = UserFactory(staff=True, department=rsj, roles=[Role.DEPT_REVIEWER])
    client.force_login(reviewer)
    client.post(f"/admin/policy_questions/edit/{question.pk}/", {"answer": "每人1000元。"})
    staff = UserFactory(staff=True, department=rsj, roles=[Role.DEPT_REVIEWER])
    client.force_login(staff)
    assert client.post(f"/dept/appeals/{question.appeal_number}/take/").status_code == 302
    appeal = Appeal.objects.get(number=question.appeal_number)
    appeals.appeal_supervise(appeal=appeal, actor=None, reason="超过办理期限，系统自动督办。")
    client.force_login(business)
    body = client.get("/business/questions/").content.decode()
    assert "已答复" in _status_cell(body, "补贴标准") and "每人1000元" in body
