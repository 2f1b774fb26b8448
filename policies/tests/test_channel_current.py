"""A policy channel that is correct and current (issue 13 item 3, issue 15's policy Q&A).

申报入口 that resolve, reasons in words, near misses a business can close, facts with their true
source department, validity periods (已失效 tab, reminders), and questions as 咨询 appeals.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from policies import services
from policies.models import PolicyExpiryReminder, PolicyPage, PolicyQuestion
from policies.tests.factories import business_profile, channel_page, policy_page
from policies.tests.test_pages_admin import _add_url, _admin_post_data
from services_catalog.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    user = UserFactory(business=True, phone="13800138000")
    business_profile(organisation=user.organisation)
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(staff=True, roles=[Role.ADMIN], is_superuser=True))
    return client


# --- 申报入口 -------------------------------------------------------------------------------


def test_publishing_with_an_unknown_apply_service_is_refused_with_a_chinese_reason(admin_client):
    data = _admin_post_data([], linked_service_codes="SCJG-05-9999", **{"action-publish": "1"})
    response = admin_client.post(_add_url(), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "申报入口事项编码“SCJG-05-9999”在事项目录中不存在" in body
    assert not PolicyPage.objects.filter(slug="wengang-test").exists()


def test_publishing_with_an_unpublished_apply_service_is_refused(admin_client):
    ServiceItemFactory(code="SCJG-05-0003", name="餐饮企业纾困补贴申请", draft=True)
    data = _admin_post_data([], linked_service_codes="SCJG-05-0003", **{"action-publish": "1"})
    response = admin_client.post(_add_url(), data)
    body = response.content.decode()
    assert "申报入口事项“餐饮企业纾困补贴申请”（SCJG-05-0003）尚未发布" in body
    assert not PolicyPage.objects.filter(slug="wengang-test", live=True).exists()
    # A draft may wait for its service to be published.
    data = _admin_post_data([], linked_service_codes="SCJG-05-0003")
    assert admin_client.post(_add_url(), data).status_code == 302
    assert not PolicyPage.objects.get(slug="wengang-test").live


def test_publishing_with_a_live_apply_service_goes_through(admin_client):
    ServiceItemFactory(code="RSJ-05-0001", name="稳岗返还")
    data = _admin_post_data([], **{"action-publish": "1"})
    response = admin_client.post(_add_url(), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert PolicyPage.objects.get(slug="wengang-test").live


def test_the_apply_entry_shows_the_named_service_without_codes(client):
    ServiceItemFactory(code="SCJG-05-0003", name="餐饮企业纾困补贴申请")
    policy = policy_page(title="餐饮业纾困专项补贴", codes="SCJG-05-0003")
    body = client.get(policy.url).content.decode()
    entry = body[body.index("申报入口") :]
    assert "餐饮企业纾困补贴申请" in entry and 'href="/apply/SCJG-05-0003/"' in entry
    assert "小微企业房租减免申请" not in entry
    assert ">SCJG-05-0003<" not in entry and "· SCJG-05-0003" not in entry


# --- Reasons and near misses ------------------------------------------------------------------


def test_match_reasons_on_the_page_read_in_words_not_codes(client, business):
    policy_page(title="特困行业缓缴", rule=[(1, "industry_code", "prefix_in", "H,F52,G,R,O")])
    client.force_login(business)
    body = client.get("/business/matches/").content.decode()
    assert "所属行业为“住宿和餐饮业”、“零售业”" in body
    assert "H/F52" not in body and "行业代码属于" not in body


def test_a_restaurant_is_never_a_near_miss_for_an_industry_it_cannot_change(client, business):
    policy_page(
        title="医药制造扩产补贴",
        rule=[(1, "industry_code", "prefix_in", "C27"), (1, "headcount", "gte", "1")],
    )
    policy_page(title="外地企业补贴", rule=[(1, "registration_district", "prefix_in", "3201")])
    policy_page(title="吸纳就业补贴", rule=[(1, "headcount", "gte", "50")])
    client.force_login(business)
    body = client.get("/business/matches/").content.decode()
    near = body[body.index("差一点符合") : body.index("另有")]
    assert "吸纳就业补贴" in near and "从业人数不少于50人" in near
    assert "医药制造扩产补贴" not in near and "外地企业补贴" not in near


# --- Sources ----------------------------------------------------------------------------------


def test_each_profile_fact_cites_its_true_source_department(client, business):
    DepartmentFactory(code="swj", name="国家税务总局市税务局")
    DepartmentFactory(code="scjg", name="市市场监督管理局")
    client.force_login(business)
    body = client.get("/business/profile/").content.decode()
    credit_row = re.search(r"纳税信用等级</th>.*?</tr>", body, re.S).group(0)
    assert "A级" in credit_row and "来自 国家税务总局市税务局" in credit_row
    assert "市场监督管理局" not in credit_row
    industry_row = re.search(r"所属行业</th>.*?</tr>", body, re.S).group(0)
    assert "正餐服务" in industry_row and "来自 市市场监督管理局" in industry_row


# --- Validity ---------------------------------------------------------------------------------


def test_expired_policies_move_to_the_expired_tab(client):
    today = timezone.localdate()
    policy_page(title="现行稳岗政策", effective_to=today + dt.timedelta(days=90))
    policy_page(title="到期的防疫补贴", effective_to=today - dt.timedelta(days=1))
    body = client.get("/business/").content.decode()
    assert "现行稳岗政策" in body and "到期的防疫补贴" not in body
    assert "已失效" in body
    body = client.get("/business/?tab=expired").content.decode()
    assert "到期的防疫补贴" in body and "现行稳岗政策" not in body
    assert "不再受理申报" in body


def test_an_expired_policy_page_says_so_and_offers_no_apply_entry(client, business):
    ServiceItemFactory(code="RSJ-05-0001", name="稳岗返还")
    policy = policy_page(title="到期政策", effective_to=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(business)
    body = client.get(policy.url).content.decode()
    assert "本政策已失效" in body
    assert "/apply/RSJ-05-0001/" not in body
    assert 'name="question"' not in body


def test_the_publisher_is_reminded_once_30_days_before_expiry():
    publisher = UserFactory(staff=True, email="publisher@example.cn")
    today = timezone.localdate()
    soon = policy_page(title="即将到期政策", effective_to=today + dt.timedelta(days=30))
    soon.save_revision(user=publisher).publish()
    later = policy_page(title="远期政策", effective_to=today + dt.timedelta(days=31))
    later.save_revision(user=publisher).publish()
    policy_page(title="长期政策")
    mail.outbox.clear()
    assert services.policies_remind_expiring(today=today) == 1
    assert services.policies_remind_expiring(today=today) == 0  # idempotent
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["publisher@example.cn"] and "即将到期政策" in message.subject
    assert "已失效" in message.body
    assert PolicyExpiryReminder.objects.get().policy_id == soon.pk
    # Extended validity: the new date gets its own reminder when it comes near.
    soon.effective_to = today + dt.timedelta(days=20)
    soon.save_revision(user=publisher).publish()
    assert services.policies_remind_expiring(today=today) == 1


def test_the_beat_task_runs_the_reminder():
    from policies.tasks import policies_remind_expiring

    assert policies_remind_expiring() == 0


# --- Questions become 咨询 appeals -------------------------------------------------------------


def test_a_policy_question_becomes_a_consult_appeal_the_business_can_follow(client, business):
    from participation.appeals.models import Appeal

    department = DepartmentFactory(code="rsj-q", name="测试人社局")
    policy = policy_page(title="稳岗返还", department=department)
    client.force_login(business)
    response = client.post(
        f"/business/policies/{policy.pk}/ask/", {"question": "返还资金多久能到账？"}, follow=True
    )
    body = response.content.decode()
    question = PolicyQuestion.objects.get()
    appeal = Appeal.objects.get(number=question.appeal_number)
    assert appeal.appeal_type == "consult" and appeal.channel == "policy_qa"
    assert appeal.department == department and appeal.reporter == business
    assert "返还资金多久能到账" in appeal.description
    assert question.appeal_number in body and "我的诉求" in body
    link = f"/me/appeals/{question.appeal_number}/"
    assert link in body
    assert client.get(link).status_code == 200
    assert link in client.get("/business/questions/").content.decode()
    assert Appeal.objects.count() == 1


def test_a_question_without_a_mobile_number_is_refused_and_nothing_is_stored(client):
    from participation.appeals.models import Appeal

    agent = UserFactory(business=True, phone="")
    policy = policy_page(title="稳岗返还")
    client.force_login(agent)
    response = client.post(
        f"/business/policies/{policy.pk}/ask/", {"question": "返还资金多久能到账？"}, follow=True
    )
    assert response.status_code == 200
    assert "手机号码" in response.content.decode()
    assert not PolicyQuestion.objects.exists() and not Appeal.objects.exists()


def test_channel_page_exists_for_these_tests():
    assert channel_page().live
