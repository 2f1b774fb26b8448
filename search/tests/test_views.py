from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_results_page_shows_grouped_highlighted_results(client, catalogue):
    response = client.get("/search/", {"q": "营业执照"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>营业执照</mark>遗失补领" in body
    assert 'href="/services/SCJG-01-0001/"' in body
    assert "办事指南" in body and "权力清单" in body  # type tabs
    assert "找到" in body


def test_type_filter_in_the_page(client, catalogue):
    body = client.get("/search/", {"q": "营业执照", "type": "power"}).content.decode()
    assert "没有找到相关结果" in body
    assert 'aria-current="page"' in body


def test_empty_state_with_suggestions(client, catalogue):
    body = client.get("/search/", {"q": "火星移民签证"}).content.decode()
    assert "没有找到相关结果" in body
    assert "大家都在搜" in body
    assert "?q=%E5%BC%80%E9%A5%AD%E5%BA%97" in body  # 开饭店


def test_blank_query_shows_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_synonym_expansion_is_shown(client, catalogue):
    body = client.get("/search/", {"q": "开饭店"}).content.decode()
    assert "已同时为您搜索" in body
    assert "食品经营许可" in body


def test_pagination_links_keep_the_query(client, catalogue):
    from search.services import search_index_rebuild
    from search.tests.factories import ServiceItemFactory

    for n in range(12):
        ServiceItemFactory(code=f"Y-{n}", name=f"营业执照注销登记{n}")
    search_index_rebuild()
    body = client.get("/search/", {"q": "营业执照"}).content.decode()
    assert "q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7&amp;page=2" in body


def test_query_count_is_bounded(client, catalogue, django_assert_max_num_queries):
    # A cold process also reads the synonyms and the life events (once per index version).
    with django_assert_max_num_queries(5):
        client.get("/search/", {"q": "营业执照"})
    # Afterwards an uncached query: index version, ranking, the page's documents.
    with django_assert_max_num_queries(3):
        client.get("/search/", {"q": "开饭店"})


def test_rate_limit_per_ip(client, catalogue, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/search/", {"q": "营业执照"}).status_code == 200
    response = client.get("/search/", {"q": "营业执照"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "请求过于频繁" in response.content.decode()
    other = client.get("/search/", {"q": "营业执照"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_post_is_not_allowed(client, db):
    assert client.post("/search/", {"q": "x"}).status_code == 405
