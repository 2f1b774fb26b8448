from __future__ import annotations

import pytest

from search.constants import DocType
from search.models import SearchDocument, Synonym
from search.selectors import highlight_html, parse_query, search_query
from search.services import search_document_refresh
from search.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


def titles(q: str, **kwargs) -> list[str]:
    return [hit.title for hit in search_query(q=q, **kwargs).hits]


def test_index_holds_live_services_only(catalogue):
    keys = set(SearchDocument.objects.values_list("key", flat=True))
    assert "SCJG-01-0001" in keys
    assert "SCJG-01-0099" not in keys  # draft


def test_yingye_zhizhao_finds_title_matches_first(catalogue):
    found = titles("营业执照")
    assert found[0] == "营业执照遗失补领"  # the title contains the words
    assert {"个体工商户设立登记", "企业设立登记", "食品经营许可"} <= set(found)


def test_segmentation_drops_filler_words(catalogue):
    found = titles("办理营业执照")
    assert found[0] == "营业执照遗失补领"
    assert "个体工商户设立登记" in found[:4]


def test_colloquial_kaifandian_finds_the_restaurant_services(catalogue):
    found = titles("开饭店")
    assert set(found[:3]) == {"食品经营许可", "个体工商户设立登记", "企业设立登记"}


def test_sentence_with_colloquial_term(catalogue):
    found = titles("我想开饭店需要什么")
    assert "食品经营许可" in found[:3]


@pytest.mark.parametrize("q", ["yyzz", "YYZZ", "ｙｙｚｚ"])
def test_pinyin_initials_find_yingye_zhizhao(catalogue, q):
    found = titles(q)
    assert found[0] == "营业执照遗失补领"  # pinyin of its title words
    assert "个体工商户设立登记" in found[:4]  # the curated synonym yyzz → 营业执照 …


def test_full_pinyin_finds_title(catalogue):
    assert titles("yingyezhizhao")[0] == "营业执照遗失补领"
    assert titles("ying ye zhi zhao")[0] == "营业执照遗失补领"


def test_pinyin_initials_of_a_title(catalogue):
    assert titles("gtgsh")[0] == "个体工商户设立登记"
    assert titles("sydj")[0] == "失业登记"
    assert titles("社保卡")[0] == "社会保障卡申领"


def test_code_lookup(catalogue):
    assert titles("RSJ-20-0001")[0] == "失业登记"
    assert titles("rsj-20-0001")[0] == "失业登记"


def test_title_ranks_above_body(catalogue):
    # 营业执照 occurs in the conditions of 个体工商户设立登记 and in the title of 营业执照遗失补领.
    hits = search_query(q="遗失补领").hits
    assert hits[0].title == "营业执照遗失补领"
    body_only = search_query(q="劳动能力").hits
    assert body_only[0].title == "失业登记"  # both words in its conditions


def test_curated_synonym_takes_effect_without_restart(catalogue):
    assert titles("暂住证明") == []
    synonym = Synonym.objects.create(term="暂住证明", expansions="居住证申领")
    from search.services import synonyms_changed

    synonyms_changed()
    assert titles("暂住证明")[0] == "居住证申领"
    synonym.enabled = False
    synonym.save()
    synonyms_changed()
    assert titles("暂住证明") == []


def test_filter_by_type_and_facets(catalogue):
    results = search_query(q="营业执照", doc_type=DocType.SERVICE)
    assert results.total == len(results.hits)
    counts = {value: count for value, _, count in results.facets}
    assert counts[DocType.SERVICE] == results.total
    assert search_query(q="营业执照", doc_type=DocType.POWER).hits == []
    assert search_query(q="营业执照", doc_type="bogus").doc_type == ""


def test_pagination(catalogue):
    for n in range(25):
        ServiceItemFactory(code=f"X-{n}", name=f"营业执照变更登记{n}")
    from search.services import search_index_rebuild

    search_index_rebuild()
    first = search_query(q="营业执照", page=1)
    third = search_query(q="营业执照", page=3)
    assert first.total > 25 and len(first.hits) == 10
    assert first.num_pages == -(-first.total // 10)
    assert third.page == 3 and 0 < len(third.hits) <= 10
    assert not {h.url for h in first.hits} & {h.url for h in third.hits}
    assert search_query(q="营业执照", page=999).page == first.num_pages


def test_publish_and_unpublish_refresh_the_index(catalogue):
    service = ServiceItemFactory(code="MZJ-07-0001", name="婚姻登记", live=False)
    assert "婚姻登记" not in titles("婚姻登记")
    service.live = True
    service.save()
    assert search_document_refresh(instance=service) is True
    assert titles("婚姻登记")[0] == "婚姻登记"  # the cached empty result is not served again
    service.live = False
    service.save()
    assert search_document_refresh(instance=service) is False
    assert "婚姻登记" not in titles("婚姻登记")


def test_wagtail_publish_signal_reindexes(catalogue, django_capture_on_commit_callbacks):
    service = ServiceItemFactory(code="WJW-07-0001", name="出生医学证明办理", live=False)
    revision = service.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert titles("出生医学证明")[0] == "出生医学证明办理"
    service.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        service.unpublish()
    assert "出生医学证明办理" not in titles("出生医学证明")


def test_highlight_escapes_html():
    html = highlight_html("<b>营业执照</b>", ["营业执照"])
    assert html == "&lt;b&gt;<mark>营业执照</mark>&lt;/b&gt;"


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "😀",
        "营业执照😀🍜",
        "' OR 1=1; --",
        "'; DROP TABLE portal_search_searchterm; --",
        "<script>alert(1)</script>",
        "%_%",
        "\\",
        "\x00\x01",
        "营" * 5000,
        "a" * 10000,
        "的了和",
        "🍜" * 300,
        "SELECT * FROM auth_user WHERE 1=1 UNION SELECT password",
    ],
)
def test_odd_queries_never_fail(catalogue, client, q):
    results = search_query(q=q)
    assert results.total >= 0
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_parse_query_is_bounded():
    parsed = parse_query("营业执照 " * 1000, synonyms={})
    assert len(parsed.normalised) <= 64
    assert len(parsed.terms) <= 24


def test_lists_are_indexed_live_only(catalogue):
    by_type = dict(
        SearchDocument.objects.values_list("key", "doc_type").filter(doc_type=DocType.POWER)
    )
    assert by_type == {"SCJG-P-0002": DocType.POWER}
    assert SearchDocument.objects.filter(
        doc_type=DocType.RESPONSIBILITY, key="SCJG-P-0002"
    ).exists()
    assert SearchDocument.objects.filter(doc_type=DocType.NEGATIVE, key="200001").exists()
    assert SearchDocument.objects.filter(
        doc_type=DocType.PUBLIC_SERVICE, key="RSJ-20-0003"
    ).exists()


def test_search_spans_services_and_lists(catalogue):
    results = search_query(q="食品经营许可")
    kinds = {hit.doc_type for hit in results.hits}
    assert {DocType.SERVICE, DocType.POWER, DocType.RESPONSIBILITY} <= kinds
    power = search_query(q="食品经营许可", doc_type=DocType.POWER).hits
    assert [h.url for h in power] == ["/lists/power/SCJG-P-0002/"]
    assert search_query(q="网吧").hits[0].url == "/lists/negative/200001/"
    assert search_query(q="权益记录").hits[0].url == "/lists/public-services/RSJ-20-0003/"


def test_power_entry_publish_reindexes_both_lists(catalogue, django_capture_on_commit_callbacks):
    from portal.models import PowerEntry

    entry = PowerEntry.objects.get(code="SCJG-P-0099")
    entry.name = "食品经营许可证注销"
    revision = entry.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    urls = [h.url for h in search_query(q="食品经营许可证注销", doc_type=DocType.POWER).hits]
    assert urls[0] == "/lists/power/SCJG-P-0099/"
