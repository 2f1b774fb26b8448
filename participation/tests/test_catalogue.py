"""The appeal categories and the dispatch catalogue kept per process still follow every edit:
at once in the process that made it, within the check period in the others."""

from __future__ import annotations

import pytest

from participation.appeals import catalogue
from participation.appeals.models import Appeal, DispatchRule
from participation.tests.factories import CategoryFactory, web_form

pytestmark = pytest.mark.django_db

NEW = "/appeals/new/"


def _department_of(submission_key: str):
    return Appeal.objects.get(submission_key=submission_key).department


def test_an_admin_edit_is_followed_at_once_in_its_process(client, loop):
    client.post(NEW, web_form(submission_key="before"))
    assert _department_of("before") == loop["market"]
    rule = DispatchRule.objects.get()
    rule.department = loop["housing"]
    rule.save()  # as the snippet admin does
    client.post(NEW, web_form(submission_key="after"))
    assert _department_of("after") == loop["housing"]
    CategoryFactory(code="new-one", name="新分类")
    assert ("new-one", "新分类") in catalogue.category_choices()
    assert 'value="new-one"' in client.get(NEW).content.decode()


def test_a_deleted_category_is_refused_at_once(client, loop):
    CategoryFactory(code="gone", name="将删除")
    assert catalogue.category_by_code("gone") is not None
    CategoryFactory._meta.model.objects.get(code="gone").delete()
    assert catalogue.category_by_code("gone") is None


def test_a_change_made_by_another_process_is_seen_after_the_check_period(client, loop, settings):
    settings.PARTICIPATION_CATALOGUE_CHECK_SECONDS = 60
    client.post(NEW, web_form(submission_key="before"))
    # Another process changes the rule: no signal fires here, only the shared version moves.
    DispatchRule.objects.update(department=loop["housing"])
    catalogue._version_new()
    client.post(NEW, web_form(submission_key="kept"))
    assert _department_of("kept") == loop["market"]  # within the period: this process's copy
    settings.PARTICIPATION_CATALOGUE_CHECK_SECONDS = 0
    client.post(NEW, web_form(submission_key="seen"))
    assert _department_of("seen") == loop["housing"]


def test_a_category_created_by_another_process_is_found_at_once_by_the_service(loop, settings):
    settings.PARTICIPATION_CATALOGUE_CHECK_SECONDS = 60
    catalogue.catalogue()  # this process's copy, before the other process creates the category
    CategoryFactory._meta.model.objects.bulk_create(
        [CategoryFactory.build(code="policy-x", name="惠企政策咨询")]
    )  # no signal, like a save in another process
    assert catalogue.category_by_code("policy-x").name == "惠企政策咨询"
    assert catalogue.category_by_code("no-such-code") is None


def test_an_inactive_rule_does_not_dispatch(client, loop):
    DispatchRule.objects.update(active=False)
    catalogue.catalogue_changed()  # a bulk update sends no signal
    client.post(NEW, web_form(submission_key="manual"))
    appeal = Appeal.objects.get(submission_key="manual")
    assert appeal.department is None and appeal.state == "accepted"
