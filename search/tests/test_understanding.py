"""What a visitor relies on: abbreviations find the full names, a life event shows its 一件事
card first, one shared common word is not a match, and the first search is not slow."""

from __future__ import annotations

import pytest

from search import text
from search.models import Synonym

pytestmark = pytest.mark.django_db


def page(client, q: str) -> str:
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_starter_synonyms_are_installed_by_migration():
    """A real installation (no demo) has the abbreviations the issue names."""
    terms = dict(Synonym.objects.values_list("term", "equivalent"))
    for term in ("社保", "医保", "公积金", "身份证", "yyzz"):
        assert terms.get(term) is True
    assert Synonym.objects.count() >= 40


def test_abbreviation_finds_what_the_full_name_finds(client, catalogue):
    # The title is highlighted (<mark>社会保险</mark>个人权益记录查询): look for its tail.
    assert "</mark>个人权益记录查询" in page(client, "社保")
    assert "</mark>个人权益记录查询" in page(client, "社会保险")


def test_life_event_card_comes_first(client, catalogue):
    body = page(client, "开饭店")
    assert "search-event" in body
    card = body.index("search-event")
    assert card < body.index("search-results")
    assert "/services/?event=open-restaurant" in body


def test_no_card_for_a_query_without_a_life_event(client, catalogue):
    assert "search-event" not in page(client, "居住证")


def test_recall_only_matches_rank_after_word_matches(client, catalogue):
    from search.selectors import search_query

    titles = [hit.title for hit in search_query(q="开饭店").hits]
    # 失业登记 shares only the sub-word 登记 of an expansion: after every real match.
    strong = {"食品经营许可", "个体工商户设立登记", "企业设立登记"}
    assert strong <= set(titles[:4])
    if "失业登记" in titles:
        assert titles.index("失业登记") > max(titles.index(t) for t in strong)


def test_segmenter_is_warm_before_the_first_request():
    assert text._initialised  # loaded in SearchConfig.ready()


@pytest.mark.parametrize("q", ["😀开饭店", "社保' OR 1=1 --", "<script>社保</script>", "社" * 500])
def test_bad_input_with_the_new_features(client, catalogue, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>社保" not in response.content.decode()
