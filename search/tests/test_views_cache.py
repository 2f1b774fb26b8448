"""Whole result pages are shared between anonymous visitors (served by config.pagecache before
routing, as the other public pages are) and never between signed-in users; a re-index shows on
the next request; the rate limit still counts a kept page (test_views.test_rate_limit_per_ip)."""

import pytest

from accounts.tests.factories import UserFactory
from search import services
from search.models import Synonym
from services_catalog.models import ServiceItem

pytestmark = pytest.mark.django_db


def test_an_anonymous_repeat_search_is_served_without_touching_the_database(
    client, catalogue, django_assert_num_queries
):
    first = client.get("/search/", {"q": "营业执照"})
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/search/", {"q": "营业执照"})
    assert second.status_code == 200
    assert second.content == first.content


def test_a_different_query_or_page_is_its_own_page(client, catalogue):
    first = client.get("/search/", {"q": "营业执照"})
    other = client.get("/search/", {"q": "开饭店"})
    assert first.content != other.content


def test_signed_in_pages_are_never_shared(client, catalogue):
    client.get("/search/", {"q": "营业执照"})  # an anonymous visitor's page is kept
    user = UserFactory()
    client.force_login(user)
    response = client.get("/search/", {"q": "营业执照"})
    assert user.display_name in response.content.decode()


def test_a_reindex_shows_on_the_next_request(client, catalogue, django_capture_on_commit_callbacks):
    before = client.get("/search/", {"q": "营业执照"}).content.decode()
    service = ServiceItem.objects.get(code="SCJG-01-0002")
    with django_capture_on_commit_callbacks(execute=True):
        service.name = "营业执照变更登记（新）"
        service.save()
        services.search_document_refresh(instance=service)
    after = client.get("/search/", {"q": "营业执照"}).content.decode()
    # The query's words are highlighted inside the title, so look for the rest of it.
    assert "变更登记（新）" not in before
    assert "变更登记（新）" in after


def test_a_new_synonym_shows_on_the_next_request(
    client, catalogue, django_capture_on_commit_callbacks
):
    """Synonyms change no catalogue page: only the index version says the results changed."""
    before = client.get("/search/", {"q": "开铺子"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(term="开铺子", expansions="个体工商户设立登记")
        services.synonyms_changed()
    after = client.get("/search/", {"q": "开铺子"}).content.decode()
    assert before != after
    assert "个体工商户" in after
