"""English names in the open-data API: explicit ``*_en`` fields ("" = Chinese only), and the
same body whatever the client's language (docs/api.md, "Languages")."""

from __future__ import annotations

import pytest

from services_catalog.models import ServiceItem, ServiceTheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_names(data):
    ServiceItem.objects.filter(code="RSJ-20-0001").update(
        name_en="Unemployment registration", result_name_en="Unemployment certificate"
    )
    ServiceTheme.objects.filter(code="employment").update(name_en="Employment")
    return data


def _item(body: dict, code: str) -> dict:
    return next(i for i in body["items"] if i["code"] == code)


def test_list_and_detail_carry_the_english_name_or_an_empty_one(client, english_names):
    items = client.get("/api/v1/services/").json()["items"]
    translated = next(i for i in items if i["code"] == "RSJ-20-0001")
    assert translated["name"] == "失业登记" and translated["name_en"] == "Unemployment registration"
    assert all(i["name_en"] == "" for i in items if i["code"] != "RSJ-20-0001")
    detail = client.get("/api/v1/services/RSJ-20-0001").json()
    assert detail["name_en"] == "Unemployment registration"
    assert detail["themes"] == ["就业创业"] and detail["themes_en"] == ["Employment"]
    assert detail["result_name_en"] == "Unemployment certificate"
    assert {m["name_en"] for m in detail["materials"]} == {""}


def test_the_answer_does_not_depend_on_the_clients_language(client, english_names):
    chinese = client.get("/api/v1/services/RSJ-20-0001").content
    english = client.get("/api/v1/services/RSJ-20-0001", HTTP_ACCEPT_LANGUAGE="en").content
    assert english == chinese
    client.get("/language/en/", {"next": "/"})
    first_english = client.get("/api/v1/power/").json()  # not cached: rendered per request
    assert (
        client.get("/api/v1/services/?page_size=5").content
        == client.__class__().get("/api/v1/services/?page_size=5").content
    )
    assert first_english == client.__class__().get("/api/v1/power/").json()


def test_openapi_documents_the_english_fields(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "name_en" in schema["ServiceOut"]["properties"]
    assert "themes_en" in schema["ServiceDetailOut"]["properties"]
