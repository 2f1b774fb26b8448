"""The publishing workflow: a publisher drafts and submits, a second person approves."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import WorkflowState

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from portal.models import PowerEntry
from portal.tests.factories import PowerEntryFactory, power_entry_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def rsj():
    return DepartmentFactory(code="rsj", name="市人力资源和社会保障局")


@pytest.fixture
def publisher(rsj, lists_workflow):
    return UserFactory(staff=True, department=rsj, roles=[Role.LIST_PUBLISHER])


@pytest.fixture
def admin_user(lists_workflow):
    return UserFactory(staff=True, roles=[Role.ADMIN])


def test_publisher_submits_admin_approves_then_public(client, rsj, publisher, admin_user):
    client.force_login(publisher)
    response = client.post(
        "/admin/snippets/portal/powerentry/add/", power_entry_form_data(rsj, action="action-submit")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = PowerEntry.objects.get(code="11310000MB2F100048019001")
    assert entry.live is False
    assert entry.workflow_in_progress
    public = Client()
    assert "人力资源服务许可" not in public.get("/lists/power/").content.decode()
    assert public.get(f"/lists/power/{entry.code}/").status_code == 404

    # The publisher cannot approve their own submission.
    task_state = WorkflowState.objects.get(object_id=str(entry.pk)).current_task_state
    task = task_state.task.specific
    assert [a[0] for a in task.get_actions(entry, publisher)] == []
    assert "approve" in [a[0] for a in task.get_actions(entry, admin_user)]

    client.force_login(admin_user)
    response = client.post(
        f"/admin/snippets/portal/powerentry/workflow/action/{entry.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.live is True
    assert "人力资源服务许可" in public.get("/lists/power/").content.decode()

    # A second edit makes a new draft revision; the live version stays public meanwhile.
    client.force_login(publisher)
    response = client.post(
        f"/admin/snippets/portal/powerentry/edit/{entry.pk}/",
        power_entry_form_data(rsj, name="人力资源服务许可（修订）"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "人力资源服务许可"
    assert entry.has_unpublished_changes
    assert entry.revisions.count() >= 2
    assert (
        "人力资源服务许可（修订）" not in public.get(f"/lists/power/{entry.code}/").content.decode()
    )
    history = client.get(f"/admin/snippets/portal/powerentry/history/{entry.pk}/")
    assert history.status_code == 200


def test_publisher_cannot_publish_directly(client, rsj, publisher):
    client.force_login(publisher)
    client.post(
        "/admin/snippets/portal/powerentry/add/",
        power_entry_form_data(rsj, action="action-publish"),
    )
    entry = PowerEntry.objects.filter(code="11310000MB2F100048019001").first()
    assert entry is None or entry.live is False


def test_publisher_sees_and_edits_only_own_department(client, rsj, publisher):
    own = PowerEntryFactory(department=rsj, name="本部门事项")
    other = PowerEntryFactory(name="其他部门事项")
    client.force_login(publisher)
    body = client.get("/admin/snippets/portal/powerentry/").content.decode()
    assert "本部门事项" in body and "其他部门事项" not in body
    assert client.get(f"/admin/snippets/portal/powerentry/edit/{own.pk}/").status_code == 200
    denied = client.get(f"/admin/snippets/portal/powerentry/edit/{other.pk}/")
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert denied.status_code in (302, 403)
    assert denied.status_code == 403 or denied.url == "/admin/"
    for view in ("history", "usage", "inspect"):
        response = client.get(f"/admin/snippets/portal/powerentry/{view}/{other.pk}/")
        assert response.status_code in (302, 403, 404), view
        assert "其他部门事项" not in response.content.decode()
    assert client.get(f"/admin/snippets/portal/powerentry/history/{own.pk}/").status_code == 200
    # The department field offers only the publisher's own department.
    response = client.post(
        "/admin/snippets/portal/powerentry/add/",
        power_entry_form_data(other.department, action="action-submit"),
    )
    assert response.status_code == 200  # form error, nothing saved
    assert not PowerEntry.objects.filter(code="11310000MB2F100048019001").exists()


def test_citizen_cannot_reach_list_admin(client, lists_workflow):
    client.force_login(UserFactory())
    response = client.get("/admin/snippets/portal/powerentry/")
    assert response.status_code in (302, 403)


def test_other_departments_drafts_stay_hidden_in_preview_and_workflow_history(
    client, rsj, publisher
):
    from django.urls import reverse

    other = PowerEntryFactory(name="其他部门草稿事项")
    client.force_login(publisher)
    for name in ("workflow_history",):
        url = reverse(f"wagtailsnippets_portal_powerentry:{name}", args=[other.pk])
        response = client.get(url)
        assert response.status_code in (302, 403, 404), name
        assert "其他部门草稿事项" not in response.content.decode()
    own = PowerEntryFactory(department=rsj)
    url = reverse("wagtailsnippets_portal_powerentry:workflow_history", args=[own.pk])
    assert client.get(url).status_code == 200
