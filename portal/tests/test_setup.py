"""`manage.py setup_portal` on a fresh database (migrate only, no demo data).

What an operator relies on: after `migrate` and `setup_portal`, a 清单发布员's submitted list
entry waits for a 系统管理员 on their Wagtail dashboard, and running the command again
changes nothing.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from policies.models import BusinessChannelPage
from portal.models import NegativeListItem, PowerEntry, PublicServiceEntry
from portal.models.pages import HomePage
from portal.tests.factories import power_entry_form_data
from services_catalog.models import ServiceItem

pytestmark = pytest.mark.django_db


def _setup_portal() -> str:
    out = io.StringIO()
    call_command("setup_portal", stdout=out)
    return out.getvalue()


def _state() -> dict:
    return {
        "groups": sorted(
            (g.name, sorted(g.permissions.values_list("codename", flat=True)))
            for g in Group.objects.all()
        ),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "tasks": sorted(
            (t.name, sorted(t.groups.values_list("name", flat=True)))
            for t in GroupApprovalTask.objects.all()
        ),
        "workflow_tasks": WorkflowTask.objects.count(),
        "content_types": sorted(
            WorkflowContentType.objects.values_list("content_type__model", "workflow__name")
        ),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
    }


def test_fresh_database_gets_groups_workflows_and_site_root():
    assert not Workflow.objects.filter(name="清单审核").exists()  # nothing but migrations so far
    output = _setup_portal()
    assert "清单审核" in output and "Portal set up." in output
    assert {str(label) for label in Role.labels} <= set(
        Group.objects.values_list("name", flat=True)
    )
    for model in (PowerEntry, NegativeListItem, PublicServiceEntry):
        assert model().get_workflow().name == "清单审核"
    assert ServiceItem().get_workflow().name == "办事指南审核"
    assert Workflow.objects.filter(name="政策审核", active=True).exists()
    publisher = Group.objects.get(name=str(Role.LIST_PUBLISHER.label))
    codenames = set(publisher.permissions.values_list("codename", flat=True))
    assert {"add_powerentry", "change_powerentry", "add_serviceitem"} <= codenames
    assert "publish_powerentry" not in codenames  # publishers go through the workflow
    # 数据共享管理员: files and decides the department's sharing agreements (/staff/sharing/).
    steward = Group.objects.get(name=str(Role.DATA_STEWARD.label))
    assert steward.permissions.filter(codename="steward_agreements").exists()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_running_it_twice_changes_nothing():
    _setup_portal()
    first = _state()
    _setup_portal()
    assert _state() == first
    assert Workflow.objects.filter(name="清单审核").count() == 1
    assert GroupApprovalTask.objects.filter(name="清单审核：系统管理员审批").count() == 1


def test_policies_workflow_attaches_to_the_channel_once_it_exists():
    _setup_portal()
    home = HomePage.objects.get()
    channel = BusinessChannelPage(title="惠企政策", slug="business")
    home.add_child(instance=channel)
    assert channel.get_workflow().name != "政策审核"  # Wagtail's default until set up
    _setup_portal()  # the operator runs it again after creating the channel
    assert BusinessChannelPage.objects.get().get_workflow().name == "政策审核"


def test_publishers_submission_reaches_an_approver(client):
    _setup_portal()
    rsj = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    publisher = UserFactory(staff=True, department=rsj, roles=[Role.LIST_PUBLISHER])
    approver = UserFactory(staff=True, roles=[Role.ADMIN])

    client.force_login(publisher)
    response = client.post(
        "/admin/snippets/portal/powerentry/add/",
        power_entry_form_data(rsj, name="人才中介服务许可", action="action-submit"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = PowerEntry.objects.get(code="11310000MB2F100048019001")
    assert entry.workflow_in_progress and not entry.live

    task_state = WorkflowState.objects.get(object_id=str(entry.pk)).current_task_state
    assert task_state.task.name == "清单审核：系统管理员审批"
    assert [a[0] for a in task_state.task.specific.get_actions(entry, publisher)] == []

    client.force_login(approver)
    dashboard = client.get("/admin/").content.decode()
    assert "人才中介服务许可" in dashboard  # the 等待您审核 panel of the approver's dashboard
    response = client.post(
        f"/admin/snippets/portal/powerentry/workflow/action/{entry.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.live
