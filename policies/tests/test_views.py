"""What businesses, staff and supervisors see, and what they must not see."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from policies import services
from policies.constants import FetchStatus, NoticeStatus, QuestionStatus
from policies.models import BenefitNotice, BenefitScanRun, BusinessProfile, PolicyQuestion
from policies.tests.factories import business_profile, policy_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    user = UserFactory(business=True)
    business_profile(organisation=user.organisation)
    return user


@pytest.fixture
def other_business():
    user = UserFactory(business=True)
    business_profile(organisation=user.organisation, values={"industry_code": "C3421"})
    return user


@pytest.fixture
def rsj():
    return DepartmentFactory(code="rsj-test", name="测试人社局")


def test_matches_show_reasons_near_misses_and_missing_data(client, business, rsj):
    policy_page(
        title="稳岗返还",
        department=rsj,
        rule=[(1, "enterprise_size", "in", "中,小,微"), (1, "tax_credit_rating", "in", "A,B,M")],
    )
    policy_page(title="吸纳就业补贴", rule=[(1, "headcount", "gte", "50")])
    policy_page(
        title="培训补贴",
        rule=[
            (1, "age_years", "gte", "1"),
            (1, "licences", "has", "人力资源服务许可证"),
            (1, "industry_code", "prefix_in", "H"),
        ],
    )
    BusinessProfile.objects.filter(organisation=business.organisation).update(headcount=None)
    profile = BusinessProfile.objects.get(organisation=business.organisation)
    profile.certified_values["headcount"] = None
    profile.save()
    client.force_login(business)
    body = client.get("/business/matches/").content.decode()
    assert "为您匹配的政策" in body
    assert "稳岗返还" in body and "企业规模为中型、小型或微型企业" in body
    assert (
        "需补充信息" in body and "从业人数" in body
    )  # headcount unknown → 需补充信息, not a refusal
    assert "差一点符合" in body and "持有人力资源服务许可证" in body


def test_channel_page_shows_matches_for_business(client, business):
    policy_page(title="小微企业房租减免", rule=[(1, "enterprise_size", "in", "小,微")])
    client.force_login(business)
    body = client.get("/business/").content.decode()
    assert (
        "为您匹配的政策" in body
        and "小微企业房租减免" in body
        and "企业规模为小型或微型企业" in body
    )


def test_matches_page_query_count(client, business, django_assert_max_num_queries):
    for i in range(15):
        policy_page(rule=[(1, "headcount", "gte", str(i * 5))])
    client.force_login(business)
    with django_assert_max_num_queries(20):
        assert client.get("/business/matches/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/business/").status_code == 200


def test_anonymous_self_check_uses_same_rules(client):
    policy_page(title="餐饮纾困", rule=[(1, "industry_code", "prefix_in", "H62")])
    body = client.get("/business/self-check/", {"industry_code": "H62"}).content.decode()
    assert "餐饮纾困" in body and "所属行业为“餐饮业”" in body
    assert re.search(r'<option value="H62"[^>]*>餐饮业</option>', body)  # chosen by name
    body = client.get("/business/self-check/", {"industry_code": "餐饮"}).content.decode()
    assert "请从列表中选择行业" in body


def test_business_pages_require_business_login(client):
    assert client.get("/business/matches/").status_code == 302
    citizen = UserFactory()
    client.force_login(citizen)
    for url in [
        "/business/matches/",
        "/business/profile/",
        "/business/notices/",
        "/business/questions/",
    ]:
        assert client.get(url).status_code == 403, url


def test_profile_shows_source_of_each_value(client, business):
    client.force_login(business)
    client.post(
        "/business/profile/",
        {"industry_code": "I6510", "headcount": "40", "licences": "卫生许可证"},
    )
    profile = BusinessProfile.objects.get(organisation=business.organisation)
    assert profile.industry_code == "H6210"  # certified wins over declared
    body = client.get("/business/profile/").content.decode()
    assert "已核验 · 来自 市市场监督管理局" in body


def test_declared_values_fill_gaps_and_are_labelled(client):
    user = UserFactory(business=True)
    client.force_login(user)
    response = client.post(
        "/business/profile/",
        {
            "industry_code": "h6210",
            "enterprise_size": "小",
            "headcount": "12",
            "established_date": "2020-01-01",
        },
    )
    assert response.status_code == 302
    profile = BusinessProfile.objects.get(organisation=user.organisation)
    assert profile.industry_code == "H6210" and profile.headcount == 12
    assert profile.sources["industry_code"] == "declared"
    assert "企业自报" in client.get("/business/profile/").content.decode()


def test_bad_declared_value_changes_nothing(client):
    user = UserFactory(business=True)
    client.force_login(user)
    response = client.post("/business/profile/", {"industry_code": "餐饮业", "headcount": "-3"})
    assert response.status_code == 200
    assert "行业代码格式不正确" in response.content.decode()
    assert not BusinessProfile.objects.filter(organisation=user.organisation).exists()


def test_exchange_unavailable_still_lets_business_declare(client, monkeypatch):
    from data_exchange import services as exchange

    def down(**kwargs):
        raise exchange.EvidenceUnavailable("市市场监督管理局暂时无法访问，请稍后再试。")

    monkeypatch.setattr(exchange, "certified_record_fetch", down)
    user = UserFactory(business=True)
    client.force_login(user)
    response = client.post("/business/profile/", {"action": "refresh"}, follow=True)
    body = response.content.decode()
    assert "未能获取核验数据" in body
    profile = BusinessProfile.objects.get(organisation=user.organisation)
    assert profile.fetch_status == FetchStatus.UNAVAILABLE
    client.post("/business/profile/", {"enterprise_size": "微"})
    profile.refresh_from_db()
    assert profile.enterprise_size == "微" and profile.sources["enterprise_size"] == "declared"


def test_certified_fetch_builds_profile(client, monkeypatch):
    from data_exchange import services as exchange

    calls = []

    def fetch(**kwargs):
        calls.append(kwargs)
        return {
            "values": {
                "industry_code": "H6210",
                "enterprise_size": "小",
                "headcount": 36,
                "licences": ["食品经营许可证"],
                "established_date": "2019-04-18",
            },
            "department_name": "市市场监督管理局",
            "verified_at": timezone.now(),
            "valid_until": None,
        }

    monkeypatch.setattr(exchange, "certified_record_fetch", fetch)
    user = UserFactory(business=True)
    client.force_login(user)
    client.post("/business/profile/", {"action": "refresh"})
    assert calls[0]["evidence_type"] == "scjg.business_licence" and calls[0]["subject"] == user
    profile = BusinessProfile.objects.get(organisation=user.organisation)
    assert profile.headcount == 36 and profile.sources["headcount"] == "certified"
    assert profile.established_date == dt.date(2019, 4, 18)


# --- 免申即享 ------------------------------------------------------------------------------


def _scan():
    run = BenefitScanRun.objects.create(total=BusinessProfile.objects.count())
    while services.benefit_scan_process_batch(run=run, batch_size=2):
        pass
    run.refresh_from_db()
    return run


def test_scan_notifies_qualifying_businesses_once_and_emails_agents(
    business, other_business, django_capture_on_commit_callbacks
):
    policy = policy_page(auto=True, rule=[(1, "industry_code", "prefix_in", "H")])
    policy_page(auto=False, rule=[])  # not 免申即享: never scanned
    UserFactory(business=True)  # no profile: not scanned
    with django_capture_on_commit_callbacks(execute=True):
        run = _scan()
    assert run.status == "done" and run.processed == run.total == 2 and run.notices_created == 1
    notice = BenefitNotice.objects.get()
    assert notice.organisation == business.organisation and notice.policy_id == policy.pk
    assert notice.reasons == ["所属行业为“住宿和餐饮业”"]
    assert len(mail.outbox) == 1 and business.email in mail.outbox[0].to
    again = _scan()
    assert again.notices_created == 0 and BenefitNotice.objects.count() == 1


def test_scan_task_runs_in_batches(business, other_business, django_capture_on_commit_callbacks):
    policy_page(auto=True, rule=[(1, "enterprise_size", "in", "小")])
    with django_capture_on_commit_callbacks(execute=True):
        run = services.benefit_scan_start()
    run.refresh_from_db()
    assert run.status == "done" and run.processed == 2 and run.notices_created == 1


def test_confirm_creates_application_idempotently(client, business):
    from applications.selectors import applications_for_applicant

    policy = policy_page(auto=True, rule=[(1, "enterprise_size", "in", "小")], codes="RSJ-05-0001")
    _scan()
    notice = BenefitNotice.objects.get(organisation=business.organisation)
    client.force_login(business)
    from services_catalog.constants import Audience, ItemType
    from services_catalog.tests.factories import ServiceItemFactory

    ServiceItemFactory(
        code="RSJ-05-0001", name="稳岗返还", item_type=ItemType.PAYMENT, audience=Audience.BUSINESS
    )
    response = client.post(f"/business/notices/{notice.pk}/confirm/")
    assert response.status_code == 302 and response["Location"] == "/me/applications/"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.application_id
    client.post(f"/business/notices/{notice.pk}/confirm/")
    assert applications_for_applicant(user=business).count() == 1
    assert policy.title


def test_confirm_calls_applications_contract(client, business, monkeypatch):
    from applications import services as applications

    calls = []

    class App:
        pk = 42

    def create(**kwargs):
        calls.append(kwargs)
        return App()

    monkeypatch.setattr(applications, "application_create_for_benefit", create)
    policy_page(auto=True, rule=[], codes="RSJ-05-0001")
    _scan()
    notice = BenefitNotice.objects.get(organisation=business.organisation)
    client.force_login(business)
    client.post(f"/business/notices/{notice.pk}/confirm/")
    assert calls[0]["applicant"] == business
    assert calls[0]["service_code"] == "RSJ-05-0001"
    assert calls[0]["source_reference"] == f"policy-notice:{notice.pk}"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.application_id == "42"


def test_businesses_cannot_touch_each_others_notices(client, business, other_business):
    policy_page(auto=True, rule=[])
    _scan()
    theirs = BenefitNotice.objects.get(organisation=other_business.organisation)
    client.force_login(business)
    assert client.post(f"/business/notices/{theirs.pk}/confirm/").status_code == 404
    assert client.post(f"/business/notices/{theirs.pk}/decline/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == NoticeStatus.PENDING
    body = client.get("/business/notices/").content.decode()
    assert str(theirs.pk) not in body


# --- Questions -----------------------------------------------------------------------------


def test_business_asks_department_answers_in_admin_and_faq_appears(client, business, rsj):
    policy = policy_page(department=rsj, title="稳岗返还")
    client.force_login(business)
    response = client.post(
        f"/business/policies/{policy.pk}/ask/", {"question": "返还资金多久能到账？"}
    )
    assert response.status_code == 302
    question = PolicyQuestion.objects.get()
    assert question.organisation == business.organisation
    body = client.get(policy.url).content.decode()
    # The question became a 咨询 appeal: the page points to where it is followed.
    assert "返还资金多久能到账" in body and question.appeal_number in body
    assert f"/me/appeals/{question.appeal_number}/" in body

    reviewer = UserFactory(staff=True, department=rsj, roles=[Role.DEPT_REVIEWER])
    client.force_login(reviewer)
    assert "返还资金多久能到账" in client.get("/admin/policy_questions/").content.decode()
    response = client.post(
        f"/admin/policy_questions/edit/{question.pk}/",
        {"answer": "复核通过后5个工作日内拨付。", "published_as_faq": "on", "faq_question": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_by == reviewer
    client.logout()
    body = client.get(policy.url).content.decode()
    assert "复核通过后5个工作日内拨付" in body and business.organisation.name not in body


def test_other_department_cannot_see_or_answer(client, business, rsj):
    policy = policy_page(department=rsj)
    question = services.question_ask(actor=business, policy=policy, question="请问怎么申报？")
    outsider = UserFactory(staff=True, department=DepartmentFactory(), roles=[Role.DEPT_REVIEWER])
    client.force_login(outsider)
    assert "请问怎么申报" not in client.get("/admin/policy_questions/").content.decode()
    response = client.post(f"/admin/policy_questions/edit/{question.pk}/", {"answer": "x"})
    assert response.status_code in (302, 403, 404)
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING and question.answer == ""
    clerk = UserFactory(staff=True, department=rsj, roles=[Role.WINDOW_CLERK])
    client.force_login(clerk)
    assert client.get("/admin/policy_questions/").status_code in (302, 403)


def test_businesses_see_only_their_own_questions(client, business, other_business):
    policy = policy_page()
    services.question_ask(actor=other_business, policy=policy, question="我们的秘密问题内容")
    client.force_login(business)
    assert "我们的秘密问题内容" not in client.get(policy.url).content.decode()
    assert "我们的秘密问题内容" not in client.get("/business/questions/").content.decode()


def test_question_too_short_is_rejected(client, business):
    policy = policy_page()
    client.force_login(business)
    response = client.post(f"/business/policies/{policy.pk}/ask/", {"question": "?"}, follow=True)
    assert "至少5个字" in response.content.decode()
    assert not PolicyQuestion.objects.exists()


def test_cannot_ask_about_unpublished_policy(client, business):
    draft = policy_page(live=False)
    client.force_login(business)
    assert (
        client.post(
            f"/business/policies/{draft.pk}/ask/", {"question": "请问怎么申报？"}
        ).status_code
        == 404
    )


def test_overdue_after_three_working_days_flagged_to_supervisor(client, business, rsj):
    policy = policy_page(department=rsj)
    question = services.question_ask(
        actor=business, policy=policy, question="缓缴期间个人权益受影响吗？"
    )
    # Asked Friday 2026-11-20; Mon 23, Tue 24 are 2 working days, Wed 25 makes 3.
    asked = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    PolicyQuestion.objects.filter(pk=question.pk).update(asked_at=asked)
    # A question that became a 咨询 appeal is timed by the appeal loop, not flagged twice.
    assert question.appeal_number
    assert services.questions_flag_overdue(now=dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)) == 0
    # A question from before the appeals loop (no appeal number) is still flagged.
    PolicyQuestion.objects.filter(pk=question.pk).update(appeal_number="")
    assert services.questions_flag_overdue(now=dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)) == 0
    assert services.questions_flag_overdue(now=dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)) == 1
    supervisor = UserFactory(staff=True, roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    body = client.get("/business/questions/overdue/").content.decode()
    assert "缓缴期间个人权益受影响吗" in body and "个工作日" in body
    client.force_login(business)
    assert client.get("/business/questions/overdue/").status_code == 403


def test_working_days_skip_holidays():
    from policies.workdays import working_days_between

    # 2026-10-01..07 National Day holiday; 2026-09-30 Wed → 2026-10-09 Fri
    assert working_days_between(dt.date(2026, 9, 30), dt.date(2026, 10, 9)) == 2


def test_scan_page_for_publishers_only(client, business, django_capture_on_commit_callbacks):
    client.force_login(business)
    assert client.get("/business/scans/").status_code == 403
    policy_page(auto=True, rule=[(1, "enterprise_size", "in", "小")])
    publisher = UserFactory(staff=True, roles=[Role.LIST_PUBLISHER])
    client.force_login(publisher)
    assert client.get("/business/scans/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/business/scans/", follow=True)
    assert "已开始筛查" in response.content.decode()
    body = client.get("/business/scans/").content.decode()
    assert "已完成" in body and "1/1" in body
    assert BenefitNotice.objects.filter(organisation=business.organisation).exists()


def test_bulk_insert_skips_pairs_notified_by_a_concurrent_run(business):
    policy = policy_page(auto=True, rule=[])
    run = BenefitScanRun.objects.create(total=1)
    services._notices_insert(run=run, pairs=[(policy.pk, business.organisation_id, '["x"]')])
    services._notices_insert(run=run, pairs=[(policy.pk, business.organisation_id, '["y"]')])
    notice = BenefitNotice.objects.get()
    assert notice.reasons == ["x"] and notice.status == NoticeStatus.PENDING


def test_expired_policy_is_listed_but_never_matched(client, business):
    policy_page(title="已过期的纾困政策", rule=[], effective_to=dt.date(2025, 12, 31))
    client.force_login(business)
    body = client.get("/business/").content.decode()
    assert "已过期的纾困政策" not in body and "已失效" in body
    body = client.get("/business/?tab=expired").content.decode()
    assert "已过期的纾困政策" in body
    matches = client.get("/business/matches/").content.decode()
    assert "已过期的纾困政策" not in matches
