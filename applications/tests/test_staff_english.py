"""Staff pages in English: the window queue, the case page and the review queue show the
catalogue's English service name where a publisher wrote one, the Chinese name marked
lang="zh-CN" where not (the name recorded at submission stays the record)."""

from __future__ import annotations

import re

import pytest

from accounts.tests.factories import DepartmentFactory
from applications import services
from applications.tests.factories import (
    ServiceFactory,
    checked,
    clerk_for,
    reviewer_for,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def english(client):
    assert client.get("/language/en/", {"next": "/"}).status_code == 302
    return client


@pytest.fixture
def cases():
    department = DepartmentFactory()
    translated = submitted_application(
        service=ServiceFactory(
            department=department, name="失业登记", name_en="Unemployment registration"
        )
    )
    chinese = submitted_application(
        service=ServiceFactory(department=department, name="食品经营许可")
    )
    return department, translated, chinese


def test_window_queue_and_case_page_use_english_names(client, cases, django_assert_max_num_queries):
    _department, translated, chinese = cases
    english(client).force_login(clerk_for())
    page = client.get("/counter/").content.decode()
    assert "<td>Unemployment registration</td>" in page
    assert '<td lang="zh-CN">食品经营许可</td>' in page
    assert "失业登记" not in page
    detail = client.get(f"/counter/{translated.pk}/").content.decode()
    assert re.search(r"<h1>[^<]*<span>Unemployment registration</span></h1>", detail)
    detail = client.get(f"/counter/{chinese.pk}/").content.decode()
    assert '<span lang="zh-CN">食品经营许可</span></h1>' in detail
    with django_assert_max_num_queries(12):  # the service names come with the queue's query
        client.get("/counter/")


def test_review_queue_uses_english_names(client, cases):
    department, translated, chinese = cases
    for app in (translated, chinese):
        services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    english(client).force_login(reviewer_for(department))
    page = client.get("/review/").content.decode()
    assert "<td>Unemployment registration</td>" in page
    assert '<td lang="zh-CN">食品经营许可</td>' in page


def test_chinese_mode_is_unchanged(client, cases):
    client.force_login(clerk_for())
    page = client.get("/counter/").content.decode()
    assert "<td>失业登记</td>" in page and "Unemployment registration" not in page
    assert 'lang="zh-CN">食品经营许可' not in page
