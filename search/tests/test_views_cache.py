"""Whole result pages are shared between anonymous visitors and never between signed-in users."""

import pytest
from django.core.cache import cache

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page_keys(monkeypatch):
    stored = []
    real_set = cache.set

    def spy(key, *args, **kwargs):
        stored.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    return stored


def test_anonymous_result_pages_are_cached(client, monkeypatch):
    stored = _page_keys(monkeypatch)
    first = client.get("/search/", {"q": "营业执照"})
    assert first.status_code == 200
    assert [k for k in stored if k.startswith("search:page:")]
    stored.clear()
    second = client.get("/search/", {"q": "营业执照"})
    assert second.content == first.content
    assert not [k for k in stored if k.startswith("search:page:")]


def test_signed_in_pages_are_not_cached(client, monkeypatch):
    stored = _page_keys(monkeypatch)
    user = UserFactory()
    client.force_login(user)
    response = client.get("/search/", {"q": "营业执照"})
    assert user.display_name in response.content.decode()
    assert not [k for k in stored if k.startswith("search:page:")]
