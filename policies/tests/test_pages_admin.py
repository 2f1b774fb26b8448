"""Page types, the admin form's rule validation and the moderation workflow."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from policies.models import BusinessChannelPage, PolicyPage
from policies.tests.factories import channel_page, policy_page

pytestmark = pytest.mark.django_db


def test_page_type_hierarchy():
    from portal.models.pages import HomePage

    assert BusinessChannelPage in HomePage.allowed_subpage_models()
    assert BusinessChannelPage.allowed_subpage_models() == [PolicyPage]
    assert PolicyPage.allowed_subpage_models() == []
    assert BusinessChannelPage.max_count == 1
    home = HomePage.objects.first()
    channel = channel_page()
    assert channel.get_parent().specific == home
    assert not BusinessChannelPage.can_create_at(home)  # max_count reached


def test_channel_and_policy_pages_render(client):
    policy = policy_page(rule=[(1, "enterprise_size", "in", "小,微")], title="小微企业房租减免")
    response = client.get("/business/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "政策服务" in body and "办事服务" in body and "咨询服务" in body
    assert "小微企业房租减免" in body
    response = client.get(policy.url)
    assert response.status_code == 200
    assert policy.document_number in response.content.decode()


def _admin_post_data(conditions, **overrides):
    data = nested_form_data(
        {
            "title": "稳岗返还测试",
            "slug": "wengang-test",
            "department": str(DepartmentFactory().pk),
            "document_number": "沪人社规〔2026〕3号",
            "effective_from": "2026-01-01",
            "effective_to": "",
            "summary": "要点",
            "body": streamfield([]),
            "body_en": streamfield([]),
            "linked_service_codes": "RSJ-05-0001",
            "conditions": inline_formset(conditions),
        }
    )
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def apply_service():
    """The 申报入口 the admin posts name: a published catalogue service."""
    from services_catalog.tests.factories import ServiceItemFactory

    return ServiceItemFactory(code="RSJ-05-0001", name="稳岗返还")


@pytest.fixture
def admin_client(client):
    admin = UserFactory(staff=True, roles=[Role.ADMIN], is_superuser=True)
    client.force_login(admin)
    return client


def _add_url():
    return f"/admin/pages/add/policies/policypage/{channel_page().pk}/"


def test_admin_rejects_contradictory_rule_with_clear_message(admin_client):
    data = _admin_post_data(
        [
            {"group": "1", "field": "headcount", "operator": "gte", "value": "50"},
            {"group": "1", "field": "headcount", "operator": "lte", "value": "10"},
        ]
    )
    response = admin_client.post(_add_url(), data)
    assert response.status_code == 200
    assert "第1组条件互相矛盾" in response.content.decode()
    assert not PolicyPage.objects.filter(slug="wengang-test").exists()


def test_admin_rejects_size_contradiction(admin_client):
    data = _admin_post_data(
        [
            {"group": "1", "field": "enterprise_size", "operator": "in", "value": "小"},
            {"group": "1", "field": "enterprise_size", "operator": "in", "value": "大"},
        ]
    )
    response = admin_client.post(_add_url(), data)
    assert "企业规模不可能同时满足" in response.content.decode()
    assert not PolicyPage.objects.filter(slug="wengang-test").exists()


def test_admin_rejects_unknown_profile_field(admin_client):
    data = _admin_post_data(
        [{"group": "1", "field": "annual_revenue", "operator": "gte", "value": "5"}]
    )
    response = admin_client.post(_add_url(), data)
    assert response.status_code == 200
    assert not PolicyPage.objects.filter(slug="wengang-test").exists()
    assert "annual_revenue" in response.content.decode()


def test_admin_saves_a_valid_rule_as_draft(admin_client):
    data = _admin_post_data(
        [
            {"group": "1", "field": "enterprise_size", "operator": "in", "value": "中,小,微"},
            {"group": "2", "field": "enterprise_size", "operator": "in", "value": "大"},
        ]
    )
    response = admin_client.post(_add_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PolicyPage.objects.get(slug="wengang-test")
    assert not page.live
    assert len(page.get_latest_revision_as_object().conditions.all()) == 2


def test_model_clean_rejects_unknown_field_row():
    from django.core.exceptions import ValidationError

    from policies.models import PolicyCondition

    with pytest.raises(ValidationError) as exc:
        PolicyCondition(group=1, field="annual_revenue", operator="gte", value="1").clean()
    assert "未知的企业画像字段" in str(exc.value)


def test_reserved_slug_is_rejected(admin_client):
    data = _admin_post_data([], slug="profile")
    response = admin_client.post(_add_url(), data)
    assert "该地址已被系统功能占用" in response.content.decode()


def test_demo_workflow_is_assigned_to_channel_subtree():
    from wagtail.models import GroupApprovalTask

    from portal.services import setup

    channel = channel_page()
    setup.portal_setup()
    setup.portal_setup()  # idempotent
    workflow = channel.get_workflow()
    assert workflow.name == "政策审核"
    task = GroupApprovalTask.objects.get(name=setup.POLICIES_TASK_NAME)
    assert [g.name for g in task.groups.all()] == [str(Role.ADMIN.label)]
    policy = policy_page()
    assert Page.objects.get(pk=policy.pk).get_workflow() == workflow
