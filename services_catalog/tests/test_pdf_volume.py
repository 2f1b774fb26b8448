"""The 一次告知书 PDF (text extractable, escaped, cached) and the catalogue cache version."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from data_exchange.tests.factories import AccessRuleFactory
from services_catalog import pdf, selectors
from services_catalog.constants import MaterialNecessity
from services_catalog.models import ServiceItem
from services_catalog.services import (
    service_save_and_publish,
)
from services_catalog.tests.factories import MaterialFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_guide_pdf_has_extractable_chinese_text_and_embedded_cjk_font(client):
    service = ServiceItemFactory(
        code="GONGAN-07-0001", name="居住证申领", conditions="在本市居住半年以上"
    )
    MaterialFactory(
        service=service,
        name="居住地住所证明",
        evidence_type="gongan.household_register",
        necessity=MaterialNecessity.TOLERABLE,
    )
    # 免提交 is shown only behind an approved sharing agreement.
    AccessRuleFactory(service_code="GONGAN-07-0001", evidence_type="gongan.household_register")
    response = client.get("/services/GONGAN-07-0001/guide.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "居住证申领一次告知书",
        "受理条件",
        "在本市居住半年以上",
        "居住地住所证明",
        "免提交",
        "办理流程",
    ):
        assert expected in text, expected
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(response.content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Noto-Sans-CJK" in name for name in fonts), fonts


def test_html_in_fields_is_escaped_in_the_pdf(client):
    service = ServiceItemFactory(
        name="测试<b>粗体</b>事项", conditions="<script>alert(1)</script>条件"
    )
    text = pdf_text(client.get(f"/services/{service.code}/guide.pdf").content)
    assert "<script>alert(1)</script>条件" in text  # shown literally, not interpreted
    assert "测试<b>粗体</b>事项" in text


def test_pdf_is_cached_and_a_publish_renders_a_new_one(client, monkeypatch):
    service = ServiceItemFactory(code="T-PDF-1", name="缓存事项")
    calls = []
    real = pdf.guide_pdf_render

    def counting(*, service):
        calls.append(service.code)
        return real(service=service)

    monkeypatch.setattr(pdf, "guide_pdf_render", counting)
    first = client.get("/services/T-PDF-1/guide.pdf").content
    second = client.get("/services/T-PDF-1/guide.pdf").content
    assert len(calls) == 1 and first == second
    service_save_and_publish(code=service.code, values={"name": "缓存事项（新版）"})
    third = client.get("/services/T-PDF-1/guide.pdf").content
    assert len(calls) == 2
    assert "缓存事项（新版）" in pdf_text(third)


def test_selectors_for_other_apps():
    a = ServiceItemFactory(code="A-1", power_code="P-1")
    ServiceItemFactory(code="B-1", draft=True)
    assert set(selectors.services_by_codes(codes=["A-1", "B-1", "nope"])) == {"A-1"}
    assert selectors.services_by_codes(codes=[]) == {}
    assert list(selectors.services_by_power_codes(power_codes=["P-1"])) == [a]
    assert selectors.service_get_live(code="B-1") is None
    assert selectors.service_get_live(code="A-1") == a


def test_catalog_version_changes_on_publish_and_unpublish():
    service = ServiceItemFactory()
    before = selectors.catalog_version()
    service_save_and_publish(code=service.code, values={"name": "改名"})
    middle = selectors.catalog_version()
    assert middle != before
    from services_catalog.services import service_unpublish

    service_unpublish(service=ServiceItem.objects.get(pk=service.pk))
    assert selectors.catalog_version() != middle
