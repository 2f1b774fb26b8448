"""English mode on /search/: a service with an English name shows it; the rest stay Chinese,
marked lang="zh-CN", and the page says once that some content is in Chinese only. Chinese
mode is unchanged, and the two languages never see each other's cached page."""

from __future__ import annotations

import re

import pytest

from search.services import search_index_rebuild
from services_catalog.models import ServiceItem

pytestmark = pytest.mark.django_db
SOME_CHINESE = "Some content on this page is available in Chinese only."
ALL_CHINESE = "This content is available in Chinese only."


@pytest.fixture
def english_catalogue(catalogue):
    ServiceItem.objects.filter(code="RSJ-20-0001").update(name_en="Unemployment registration")
    ServiceItem.objects.filter(code="SCJG-01-0004").update(
        name_en="Replacing a lost business licence"
    )
    search_index_rebuild()
    return catalogue


def english(client):
    assert client.get("/language/en/", {"next": "/search/"}).status_code == 302
    return client


def _titles(body: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", t)
        for t in re.findall(r'<h2 class="search-result__title"[^>]*>(.*?)</h2>', body, re.S)
    ]


def test_english_names_replace_chinese_ones_in_results(client, english_catalogue):
    body = english(client).get("/search/", {"q": "失业登记"}).content.decode()
    assert "Unemployment registration" in _titles(body)
    assert "失业登记" not in _titles(body)
    assert SOME_CHINESE in body  # the conditions summary is Chinese


def test_results_without_english_are_marked_and_noticed_once(client, english_catalogue):
    body = english(client).get("/search/", {"q": "营业执照"}).content.decode()
    titles = _titles(body)
    assert "Replacing a lost business licence" in titles
    assert "个体工商户设立登记" in titles  # no English name: shown in Chinese …
    assert re.search(
        r'<h2 class="search-result__title" lang="zh-CN"><a href="/services/SCJG-01-0001/"', body
    )
    assert body.count('data-content-language="some"') == 1  # … and the page says so once
    # the type badge and the audience are translated, even from results cached in Chinese
    assert '<span class="badge badge--ok">Service guides</span>' in body
    assert "<span>For businesses</span>" in body


def test_labels_cached_by_an_english_visit_stay_chinese_for_chinese_visitors(
    client, english_catalogue
):
    english(client).get("/search/", {"q": "营业执照"})
    body = client.__class__().get("/search/", {"q": "营业执照"}).content.decode()
    assert '<span class="badge badge--ok">办事指南</span>' in body
    assert "Service guides" not in body and "For businesses" not in body


def test_all_chinese_results_say_so(client, english_catalogue):
    body = english(client).get("/search/", {"q": "食品经营许可"}).content.decode()
    assert "食品经营许可" in _titles(body)
    assert body.count(ALL_CHINESE) == 1


def test_english_name_is_searchable_in_english(client, english_catalogue):
    body = english(client).get("/search/", {"q": "unemployment"}).content.decode()
    assert "Unemployment registration" in _titles(body)


def test_chinese_mode_is_unchanged_and_not_mixed_by_the_cache(client, english_catalogue):
    english(client).get("/search/", {"q": "失业登记"})
    chinese_client = client.__class__()
    body = chinese_client.get("/search/", {"q": "失业登记"}).content.decode()
    assert "失业登记" in "".join(_titles(body))
    assert "Unemployment registration" not in body
    assert "data-content-language" not in body
    assert ">办事指南<" in body or "办事指南 <" in body
