"""config.pagecache from the visitor's side: forms on cached pages still work, and nobody
gets another visitor's page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from config.pagecache import CSRF_PLACEHOLDER

pytestmark = pytest.mark.django_db


def _token(body: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def test_cached_progress_form_carries_each_visitors_own_working_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get("/progress/")
    page_two = second.get("/progress/")  # served from the cache
    for response in (page_one, page_two):
        assert response.status_code == 200
        assert CSRF_PLACEHOLDER not in response.content.decode()
        assert "csrftoken" in response.cookies
    response = second.post(
        "/progress/",
        {
            "number": "20260101000000",
            "phone": "13800138000",
            "csrfmiddlewaretoken": _token(page_two.content.decode()),
        },
    )
    assert response.status_code == 200  # not 403: the swapped-in token is this visitor's
    assert "未找到匹配的办件" in response.content.decode()


def test_signed_in_visitor_never_gets_the_anonymous_ratings_copy_or_a_placeholder(client):
    from accounts.tests.factories import UserFactory

    client.get("/ratings/")
    client.force_login(UserFactory())
    body = client.get("/progress/").content.decode()
    assert CSRF_PLACEHOLDER not in body
    assert 'name="csrfmiddlewaretoken"' in body
