"""A publisher edits a guide's FAQ, form fields and steps item by item in the Wagtail admin
(no JSON), picks evidence types from data_exchange's registry, and after approval the guide
page and the apply form show the change. The admin speaks Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.models import User
from portal.services.setup import portal_setup
from services_catalog import demo
from services_catalog.models import ServiceItem
from services_catalog.wagtail_hooks import ServiceItemViewSet

pytestmark = pytest.mark.django_db

CODE = "RSJ-20-0001"  # 失业登记, 人社局 (the publisher's department)


@pytest.fixture
def loaded():
    portal_setup()  # as load_demo_data does first
    accounts_demo.load()
    demo.load()
    return {
        "publisher": User.objects.get(username="publisher"),
        "admin": User.objects.get(username="admin"),
    }


def edit_url(service):
    return reverse("wagtailsnippets_services_catalog_serviceitem:edit", args=[service.pk])


def _list_data(prefix: str, items: list[dict]) -> dict:
    """What Wagtail's list editor posts for `items` (services_catalog.blocks)."""
    data = {f"{prefix}-count": str(len(items))}
    for i, item in enumerate(items):
        data |= {f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": ""}
        for key, value in item.items():
            if value is True:
                data[f"{prefix}-{i}-value-{key}"] = "on"
            elif value is not False:
                data[f"{prefix}-{i}-value-{key}"] = value
    return data


def _field_data(bound) -> dict:
    value = bound.value()
    if isinstance(value, bool):
        return {bound.html_name: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(v) for v in value]}
    return {bound.html_name: "" if value is None else str(value)}


def edit_data(service, user, fields: dict | None = None, **lists) -> dict:
    """The edit form as the browser would post it, with `lists` (faq=[...]) and plain
    `fields` ({"name_en": ...}) replaced."""
    form_class = ServiceItemViewSet().get_edit_handler().get_form_class()
    form = form_class(instance=service, for_user=user)
    data = {}
    for name in form.fields:
        if name in ("process_steps", "process_steps_en", "faq", "form_fields"):
            items = lists.get(name, getattr(service, name))
            if name == "form_fields":
                items = [_field_item(f) for f in items]
            data |= _list_data(name, items)
        elif name != "comment_notifications":
            data |= _field_data(form[name])
    for formset in form.formsets.values():
        management = formset.management_form
        data |= {management[k].html_name: str(v) for k, v in management.initial.items()}
        for child in formset.forms:
            for name in child.fields:
                data |= _field_data(child[name])
    return data | {form[k].html_name: v for k, v in (fields or {}).items()}


def _field_item(f: dict) -> dict:
    item = {k: v for k, v in f.items() if k in ("name", "label", "type", "required", "help")}
    if f.get("choices"):
        item["choices"] = "\n".join(c if isinstance(c, str) else "|".join(c) for c in f["choices"])
    return item


def test_the_editor_shows_structured_lists_and_registry_choices_not_json(client, loaded):
    client.force_login(loaded["publisher"])
    page = client.get(edit_url(ServiceItem.objects.get(code=CODE))).content.decode()
    # Wagtail's list editor (a block widget), not a raw JSON textarea.
    for name in ("process_steps", "process_steps_en", "faq", "form_fields"):
        assert f'id="{name}" data-block data-controller="w-block"' in page
        assert f'<textarea name="{name}"' not in page
    # Evidence types come from data_exchange's registry, as a choice.
    assert 'value="rsj.social_insurance"' in page and "社会保险参保证明" in page


def test_a_publisher_edits_a_faq_and_a_form_field_and_after_approval_the_guide_shows_it(
    client, loaded
):
    publisher, admin = loaded["publisher"], loaded["admin"]
    service = ServiceItem.objects.get(code=CODE)
    faq = [
        *service.faq,
        {"question": "失业登记后多久可以领取失业金？", "answer": "登记次月起按月发放。"},
    ]
    fields = [
        *service.form_fields,
        {
            "name": "preferred_bank",
            "label": "代发银行",
            "type": "choice",
            "required": True,
            "choices": [["icbc", "工商银行"], ["ccb", "建设银行"]],
        },
    ]
    client.force_login(publisher)
    data = edit_data(service, publisher, faq=faq, form_fields=fields) | {"action-submit": "1"}
    response = client.post(edit_url(service), data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "已提交审核" in text and "has been submitted" not in text
    # Not live before approval.
    assert "多久可以领取失业金" not in client.get(f"/services/{CODE}/").content.decode()

    service.refresh_from_db()
    state = service.current_workflow_state
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, admin, "approve")

    service.refresh_from_db()
    assert service.faq[-1] == {
        "question": "失业登记后多久可以领取失业金？",
        "answer": "登记次月起按月发放。",
    }
    assert service.form_fields[-1] == {
        "name": "preferred_bank",
        "label": "代发银行",
        "type": "choice",
        "required": True,
        "choices": [["icbc", "工商银行"], ["ccb", "建设银行"]],
    }
    guide = client.get(f"/services/{CODE}/").content.decode()
    assert "失业登记后多久可以领取失业金？" in guide and "登记次月起按月发放。" in guide


def test_a_publisher_writes_the_english_version_and_after_approval_english_mode_shows_it(
    client, loaded
):
    publisher, admin = loaded["publisher"], loaded["admin"]
    service = ServiceItem.objects.get(code=CODE)
    steps = [{"title": "Register online", "detail": "One form, no visit."}]
    fields = {"name_en": "Registering as unemployed"}
    client.force_login(publisher)
    data = edit_data(service, publisher, fields, process_steps_en=steps) | {"action-submit": "1"}
    assert client.post(edit_url(service), data, follow=True).status_code == 200
    client.logout()
    client.get("/language/en/", {"next": "/"})
    assert "Registering as unemployed" not in client.get(f"/services/{CODE}/").content.decode()

    service.refresh_from_db()
    task_state = service.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, admin, "approve")

    guide = client.get(f"/services/{CODE}/").content.decode()
    assert "<h1>Registering as unemployed</h1>" in guide
    assert "Register online" in guide and "One form, no visit." in guide
    client.get("/language/zh-hans/", {"next": "/"})
    assert "<h1>失业登记</h1>" in client.get(f"/services/{CODE}/").content.decode()


def test_a_duplicate_field_code_is_refused_in_chinese_and_nothing_changes(client, loaded):
    publisher = loaded["publisher"]
    service = ServiceItem.objects.get(code=CODE)
    before = list(service.form_fields)
    first = before[0]
    fields = [*before, {**first, "label": "重复的字段"}]
    client.force_login(publisher)
    response = client.post(edit_url(service), edit_data(service, publisher, form_fields=fields))
    assert response.status_code == 200
    errors = response.context["form"].errors["form_fields"]
    assert f"字段代码“{first['name']}”重复" in " ".join(str(e) for e in errors)
    service.refresh_from_db()
    assert service.form_fields == before
    assert not service.has_unpublished_changes


def test_admin_listing_shows_yes_no_and_chinese_search(client, loaded):
    client.force_login(loaded["admin"])
    listing = client.get(reverse("wagtailsnippets_services_catalog_serviceitem:list"))
    text = listing.content.decode()
    assert "<td > True </td>" not in " ".join(text.split())
    assert 'title="True"' not in text and 'title="False"' not in text
    cells = " ".join(text.split())
    assert "> 是 </span> 是 </td>" in cells and "> 否 </span> 否 </td>" in cells
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Search all pages" not in home
