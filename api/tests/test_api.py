from __future__ import annotations

import re

import pytest

from accounts.tests.factories import UserFactory
from portal.models import PowerEntry
from services_catalog.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params)
    return response, (
        response.json() if response["Content-Type"].startswith("application/json") else None
    )


# --- OpenAPI and docs ---------------------------------------------------------------------------


def test_openapi_document(client, db):
    response, doc = get(client, "/api/v1/openapi.json")
    assert response.status_code == 200
    assert doc["info"]["title"] == "一网通办开放数据接口"
    for path in [
        "/api/v1/services/",
        "/api/v1/services/{code}",
        "/api/v1/power/",
        "/api/v1/responsibility/",
        "/api/v1/negative/",
        "/api/v1/negative/lookup",
        "/api/v1/public-services/",
    ]:
        assert path in doc["paths"]


def test_docs_are_served_locally_without_inline_script(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    # only src= scripts and a JSON data block: the strict CSP (script-src 'self') allows them
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attrs for attrs in inline)
    assert (
        "'unsafe-inline'"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


# --- services ------------------------------------------------------------------------------------


def test_service_list_only_live(client, data):
    response, body = get(client, "/api/v1/services/")
    assert response.status_code == 200
    codes = [i["code"] for i in body["items"]]
    assert codes == ["RSJ-20-0001", "SCJG-01-0001", "SCJG-01-0002"]
    assert body["count"] == 3 and body["page"] == 1 and body["num_pages"] == 1
    assert body["items"][0]["department"] == {"code": "rsj", "name": "市人力资源和社会保障局"}
    assert body["items"][0]["guide_pdf_url"] == "/services/RSJ-20-0001/guide.pdf"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"audience": "person"}, ["RSJ-20-0001", "SCJG-01-0001"]),
        ({"audience": "business"}, ["SCJG-01-0001", "SCJG-01-0002"]),
        ({"department": "scjg"}, ["SCJG-01-0001", "SCJG-01-0002"]),
        ({"theme": "employment"}, ["RSJ-20-0001"]),
        ({"type": "20"}, ["RSJ-20-0001"]),
        ({"department": "scjg", "audience": "person"}, ["SCJG-01-0001"]),
    ],
)
def test_service_filters(client, data, params, expected):
    _, body = get(client, "/api/v1/services/", **params)
    assert [i["code"] for i in body["items"]] == expected


@pytest.mark.parametrize(
    "params", [{"audience": "alien"}, {"department": "nope"}, {"theme": "nope"}]
)
def test_service_bad_filters_are_400(client, data, params):
    response, body = get(client, "/api/v1/services/", **params)
    assert response.status_code == 400
    assert body["detail"]


def test_service_pagination(client, data):
    _, first = get(client, "/api/v1/services/", page_size=2)
    _, second = get(client, "/api/v1/services/", page_size=2, page=2)
    _, beyond = get(client, "/api/v1/services/", page_size=2, page=9)
    assert [len(first["items"]), len(second["items"]), len(beyond["items"])] == [2, 1, 0]
    assert first["num_pages"] == 2 and first["count"] == 3
    assert get(client, "/api/v1/services/", page_size=101)[0].status_code == 400
    assert get(client, "/api/v1/services/", page=0)[0].status_code == 400
    assert get(client, "/api/v1/services/", page="x")[0].status_code == 422


def test_service_detail_is_the_full_guide(client, data):
    response, body = get(client, "/api/v1/services/RSJ-20-0001")
    assert response.status_code == 200
    assert body["conditions"] and body["location"] and body["supervise_phone"] == "12345"
    assert body["themes"] == ["就业创业"]
    materials = {m["name"]: m for m in body["materials"]}
    assert materials["居民身份证"]["exempt_by_data_sharing"] is True
    assert materials["居民身份证"]["evidence_type"] == "gongan.household_register"
    assert materials["解除或终止劳动合同证明"]["exempt_by_data_sharing"] is False


@pytest.mark.parametrize("code", ["SCJG-01-0009", "NOPE", "<script>"])
def test_service_detail_404_for_drafts_and_unknown(client, data, code):
    response, body = get(client, f"/api/v1/services/{code}")
    assert response.status_code == 404
    assert "没有找到" in body["detail"]


def test_service_list_query_count(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/services/")


# --- 权力清单 / 责任清单 -----------------------------------------------------------------------


def test_power_list_and_filters(client, data):
    _, body = get(client, "/api/v1/power/")
    assert {i["code"] for i in body["items"]} == {"SCJG-P-0002", "SCJG-P-0003", "RSJ-P-0001"}
    assert [i["code"] for i in get(client, "/api/v1/power/", category="02")[1]["items"]] == [
        "SCJG-P-0003"
    ]
    assert [i["code"] for i in get(client, "/api/v1/power/", level="4")[1]["items"]] == [
        "RSJ-P-0001"
    ]
    assert [i["code"] for i in get(client, "/api/v1/power/", department="rsj")[1]["items"]] == [
        "RSJ-P-0001"
    ]
    assert get(client, "/api/v1/power/", department="nope")[1]["count"] == 0
    assert get(client, "/api/v1/power/", page_size=1, page=2)[1]["num_pages"] == 3


def test_power_detail(client, data):
    response, body = get(client, "/api/v1/power/SCJG-P-0002")
    assert response.status_code == 200
    assert body["power_type_name"] == "行政许可"
    assert [r["stage"] for r in body["responsibilities"]] == ["受理", "决定"]
    assert get(client, "/api/v1/power/RSJ-P-0099")[0].status_code == 404


def test_responsibility_list_and_detail(client, data):
    _, body = get(client, "/api/v1/responsibility/")
    assert body["count"] == 2
    assert {i["power_code"] for i in body["items"]} == {"SCJG-P-0002"}
    assert get(client, "/api/v1/responsibility/", stage="决定")[1]["count"] == 1
    assert get(client, "/api/v1/responsibility/", department="rsj")[1]["count"] == 0
    response, detail = get(client, "/api/v1/responsibility/SCJG-P-0002")
    assert response.status_code == 200 and len(detail["items"]) == 2
    assert get(client, "/api/v1/responsibility/RSJ-P-0099")[0].status_code == 404


def test_published_power_entries_appear_drafts_do_not(
    client, data, django_capture_on_commit_callbacks
):
    codes = lambda: {i["code"] for i in get(client, "/api/v1/power/", page_size=100)[1]["items"]}  # noqa: E731
    assert "RSJ-P-0099" not in codes()
    assert get(client, "/api/v1/power/RSJ-P-0099")[0].status_code == 404
    entry = PowerEntry.objects.get(code="RSJ-P-0099")
    entry.name = "就业失业登记证明核发"
    revision = entry.save_revision()
    assert "RSJ-P-0099" not in codes()  # a saved draft revision is not public
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert "RSJ-P-0099" in codes()
    assert get(client, "/api/v1/power/RSJ-P-0099")[1]["name"] == "就业失业登记证明核发"
    entry.refresh_from_db()
    entry.name = "改名但未审核"
    entry.save_revision()  # a new draft of a live entry: the API keeps serving the approved version
    assert get(client, "/api/v1/power/RSJ-P-0099")[1]["name"] == "就业失业登记证明核发"


# --- 负面清单 / 公共服务 ------------------------------------------------------------------------


def test_negative_list_filters_and_detail(client, data):
    _, body = get(client, "/api/v1/negative/")
    assert {i["code"] for i in body["items"]} == {"200001", "100001"}
    assert [
        i["code"] for i in get(client, "/api/v1/negative/", category="prohibited")[1]["items"]
    ] == ["100001"]
    response, detail = get(client, "/api/v1/negative/200001")
    assert response.status_code == 200
    assert detail["keywords"] == ["网吧", "开网吧", "上网服务"]
    assert [s["code"] for s in detail["services"]] == ["SCJG-01-0002"]
    assert get(client, "/api/v1/negative/999999")[0].status_code == 404


@pytest.mark.parametrize(
    ("q", "verdict"),
    [
        ("网吧", "permit"),
        ("我想开网吧", "permit"),
        ("地下钱庄", "prohibited"),
        ("卖花", "unsure"),  # an unknown trade is "not sure", never a guessed 未列入
        ("", "empty"),
    ],
)
def test_negative_lookup(client, data, q, verdict):
    response, body = get(client, "/api/v1/negative/lookup", q=q)
    assert response.status_code == 200
    assert body["verdict"] == verdict
    if verdict == "permit":
        assert body["items"][0]["services"][0]["code"] == "SCJG-01-0002"


def test_public_services(client, data):
    _, body = get(client, "/api/v1/public-services/")
    assert [i["service_code"] for i in body["items"]] == ["RSJ-20-0001"]
    assert body["items"][0]["service_url"] == "/services/RSJ-20-0001/"
    response, detail = get(client, "/api/v1/public-services/RSJ-20-0001")
    assert response.status_code == 200 and "description" in detail
    assert get(client, "/api/v1/public-services/RSJ-20-0098")[0].status_code == 404


# --- rate limit, odd input, privacy -------------------------------------------------------------


def test_rate_limit_per_ip(client, data, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    assert client.get("/api/v1/power/").status_code == 200
    assert client.get("/api/v1/services/").status_code == 200
    response = client.get("/api/v1/power/")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 60
    assert client.get("/api/v1/power/", REMOTE_ADDR="10.1.2.3").status_code == 200
    # a forged X-Forwarded-For does not get around the limit
    assert client.get("/api/v1/power/", HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429


@pytest.mark.parametrize("q", ["' OR 1=1 --", "<script>alert(1)</script>", "😀" * 100, "营" * 5000])
def test_odd_filter_values(client, data, q):
    for path in [
        "/api/v1/power/",
        "/api/v1/negative/",
        "/api/v1/negative/lookup",
        "/api/v1/public-services/",
    ]:
        assert client.get(path, {"q": q}).status_code == 200


def test_no_personal_data(client, data):
    user = UserFactory()
    for path in [
        "/api/v1/services/",
        "/api/v1/services/RSJ-20-0001",
        "/api/v1/power/SCJG-P-0002",
        "/api/v1/negative/200001",
        "/api/v1/public-services/RSJ-20-0001",
    ]:
        content = client.get(path).content.decode()
        assert "id_number" not in content
        if user.id_number:
            assert user.id_number not in content


def test_cached_service_list_shows_a_publish_on_the_next_request(
    client, data, django_capture_on_commit_callbacks
):
    codes = lambda: [i["code"] for i in client.get("/api/v1/services/").json()["items"]]  # noqa: E731
    assert "MZJ-07-0001" not in codes()
    service = ServiceItemFactory(
        code="MZJ-07-0001", name="婚姻登记", department=data["rsj"], live=False
    )
    revision = service.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert "MZJ-07-0001" in codes()
