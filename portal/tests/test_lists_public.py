from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from portal import selectors
from portal.tests.factories import (
    NegativeListItemFactory,
    NegativeMeasureFactory,
    PowerEntryFactory,
    PowerLegalBasisFactory,
    PublicServiceEntryFactory,
    ResponsibilityItemFactory,
)

pytestmark = pytest.mark.django_db


def test_only_live_entries_are_public(client):
    live = PowerEntryFactory(name="食品经营许可")
    draft = PowerEntryFactory(name="草稿中的许可事项", live=False)
    response = client.get("/lists/power/")
    assert response.status_code == 200
    assert live.name in response.content.decode()
    assert draft.name not in response.content.decode()
    assert client.get(f"/lists/power/{draft.code}/").status_code == 404
    assert client.get(f"/lists/power/{live.code}/").status_code == 200


def test_power_list_filters_and_search(client):
    a = PowerEntryFactory(name="食品经营许可", power_type="01")
    b = PowerEntryFactory(name="对销售假药的行政处罚", power_type="02")
    body = client.get("/lists/power/", {"type": "02"}).content.decode()
    assert b.name in body and a.name not in body
    body = client.get("/lists/power/", {"q": "食品"}).content.decode()
    assert a.name in body and b.name not in body
    body = client.get("/lists/power/", {"department": a.department.code}).content.decode()
    assert a.name in body and b.name not in body
    body = client.get("/lists/power/", {"level": "1"}).content.decode()
    assert "没有符合条件" in body


def test_full_width_and_padded_filters_mean_what_they_look_like(client):
    a = PowerEntryFactory(name="食品经营许可", power_type="01")
    b = PowerEntryFactory(name="对销售假药的行政处罚", power_type="02")
    wide_type = "０２ "
    body = client.get("/lists/power/", {"type": wide_type}).content.decode()
    assert b.name in body and a.name not in body
    wide_department = "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in a.department.code
    )
    body = client.get("/lists/power/", {"department": f"　{wide_department}"}).content.decode()
    assert a.name in body and b.name not in body


def test_power_list_has_no_n_plus_one(client, django_assert_max_num_queries):
    for _ in range(25):
        PowerEntryFactory()
    with django_assert_max_num_queries(6):
        response = client.get("/lists/power/")
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        client.get("/lists/power/", {"page": 2})


def test_other_lists_have_no_n_plus_one(client, django_assert_max_num_queries):
    for _ in range(12):
        power = PowerEntryFactory()
        ResponsibilityItemFactory(power=power)
        NegativeMeasureFactory(item=NegativeListItemFactory())
        PublicServiceEntryFactory()
    for url in ("/lists/responsibility/", "/lists/public-services/", "/lists/"):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get("/lists/negative/").status_code == 200


def test_power_detail_shows_department_uscc_bases_responsibilities(client):
    power = PowerEntryFactory(name="人力资源服务许可")
    PowerLegalBasisFactory(power=power, law="中华人民共和国就业促进法", article="第四十条")
    ResponsibilityItemFactory(power=power, stage="审查", duty="审查申请材料")
    body = client.get(f"/lists/power/{power.code}/").content.decode()
    assert power.department.uscc in body
    assert "《中华人民共和国就业促进法》第四十条" in body
    assert "审查申请材料" in body
    body = client.get(f"/lists/responsibility/{power.code}/").content.decode()
    assert "审查申请材料" in body


def test_html_typed_into_list_fields_is_escaped_everywhere(client):
    evil = '<script>alert("x")</script>'
    power = PowerEntryFactory(name=f"许可{evil}", process_summary=evil, handling_office=evil)
    PowerLegalBasisFactory(power=power, law=evil, article=evil)
    ResponsibilityItemFactory(power=power, duty=evil, accountability=evil)
    item = NegativeListItemFactory(name=f"网吧{evil}", keywords="网吧", local_permit=evil)
    NegativeMeasureFactory(item=item, text=evil)
    ps = PublicServiceEntryFactory(name=f"服务{evil}", description=evil)
    urls = [
        "/lists/power/",
        f"/lists/power/{power.code}/",
        "/lists/responsibility/",
        f"/lists/responsibility/{power.code}/",
        "/lists/negative/",
        f"/lists/negative/{item.code}/",
        "/lists/negative/check/?q=网吧",
        "/lists/public-services/",
        f"/lists/public-services/{ps.service_code}/",
        f"/lists/power/?q={evil}",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        if url != "/lists/negative/check/?q=网吧" and "?q=" not in url:
            assert "&lt;script&gt;" in body, url


def test_csv_and_xlsx_export_follow_filters(client):
    a = PowerEntryFactory(name="食品经营许可", power_type="01")
    PowerLegalBasisFactory(power=a, law="中华人民共和国食品安全法", article="第三十五条")
    PowerEntryFactory(name="对销售假药的行政处罚", power_type="02")
    PowerEntryFactory(name='=HYPERLINK("http://x")', power_type="01")
    response = client.get("/lists/power/export.csv", {"type": "01"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "实施编码"
    names = [r[2] for r in rows[1:]]
    assert "食品经营许可" in names and "对销售假药的行政处罚" not in names
    assert '\'=HYPERLINK("http://x")' in names  # formula neutralised
    assert any("《中华人民共和国食品安全法》第三十五条" in r[8] for r in rows[1:])
    response = client.get("/lists/power/export.xlsx", {"q": "假药"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert (
        values[0][0] == "实施编码" and len(values) == 2 and values[1][2] == "对销售假药的行政处罚"
    )
    for url in ("/lists/responsibility/", "/lists/negative/", "/lists/public-services/"):
        assert client.get(f"{url}export.csv").status_code == 200
        assert client.get(f"{url}export.xlsx").status_code == 200
    assert client.get("/lists/power/export.pdf").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"type": "99"},
        {"level": "<b>"},
        {"department": "x" * 5000},
        {"q": "'; DROP TABLE portal_powerentry; --"},
        {"q": "🍜🍜" * 100},
        {"q": "\x00\x01"},
    ],
)
def test_list_pages_never_error_on_bad_params(client, params):
    PowerEntryFactory()
    for url in (
        "/lists/power/",
        "/lists/responsibility/",
        "/lists/negative/",
        "/lists/public-services/",
    ):
        assert client.get(url, params).status_code == 200


def test_selectors_for_search_and_api():
    power = PowerEntryFactory(code="11310000MB2F100038010001")
    assert selectors.power_entry_get_public(code=power.code) == power
    assert selectors.power_entry_get_public(code="missing") is None
    assert list(selectors.power_entries_public(q="测试")) == [power]
    assert selectors.list_counts_public()["power"] == 1


def test_detail_pages_have_bounded_queries(client, django_assert_max_num_queries):
    power = PowerEntryFactory()
    for _ in range(5):
        PowerLegalBasisFactory(power=power)
        ResponsibilityItemFactory(power=power)
    item = NegativeListItemFactory(keywords="网吧")
    for _ in range(5):
        NegativeMeasureFactory(item=item)
    with django_assert_max_num_queries(5):
        assert client.get(f"/lists/power/{power.code}/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(f"/lists/negative/{item.code}/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/lists/negative/check/", {"q": "网吧"}).status_code == 200


def test_published_change_is_visible_on_next_request(client, django_assert_max_num_queries):
    from portal.services import entry_publish

    first = PowerEntryFactory(name="第一项许可")
    assert "第一项许可" in client.get("/lists/power/").content.decode()
    with django_assert_max_num_queries(1):  # served from the anonymous page cache
        assert "第一项许可" in client.get("/lists/power/").content.decode()
    draft = PowerEntryFactory(name="新发布的许可", live=False)
    assert "新发布的许可" not in client.get("/lists/power/").content.decode()
    entry_publish(entry=draft)
    assert "新发布的许可" in client.get("/lists/power/").content.decode()
    detail = client.get(f"/lists/power/{first.code}/")
    assert "第一项许可" in detail.content.decode()
    first.unpublish()
    assert "第一项许可" not in client.get("/lists/power/").content.decode()
    assert client.get(f"/lists/power/{first.code}/").status_code == 404
    draft.delete()
    assert "新发布的许可" not in client.get("/lists/power/").content.decode()


def test_cached_pages_never_leak_the_csrf_placeholder_or_serve_signed_in_users(client):
    from accounts.tests.factories import UserFactory

    PowerEntryFactory(name="缓存测试事项")
    for _ in range(2):
        assert "__PL_CSRF_TOKEN__" not in client.get("/lists/power/").content.decode()
    user = UserFactory()
    client.force_login(user)
    body = client.get("/lists/power/").content.decode()
    assert user.display_name in body  # rendered for this user, not the anonymous copy
    assert "__PL_CSRF_TOKEN__" not in body
