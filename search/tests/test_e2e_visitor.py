"""Issue 3, Done-when: a visitor finds services by yyzz / 营业执照 / 开饭店, opens a guide, downloads its PDF."""

from __future__ import annotations

import io
import json
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def result_titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".search-result__title a").all_inner_texts()]


def search_from_box(page, query: str) -> list[str]:
    page.fill("input[name=q]", query)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    return result_titles(page)


def test_visitor_searches_opens_a_guide_and_downloads_its_pdf(page, e2e_server):
    from pypdf import PdfReader

    page.goto("/")
    titles = search_from_box(page, "yyzz")  # the home page's search box posts to /search/?q=
    assert "/search/" in page.url
    assert "个体工商户设立登记" in titles[:5]

    titles = search_from_box(page, "营业执照")
    assert {"个体工商户设立登记", "企业设立登记"} <= set(titles[:5])
    assert page.locator(".search-result__title mark").count() > 0  # highlighted

    titles = search_from_box(page, "开饭店")
    assert {"食品经营许可", "个体工商户设立登记", "企业设立登记"} <= set(titles[:5])

    page.get_by_role("link", name="食品经营许可", exact=True).first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith("/services/SCJG-01-0002/")
    assert page.locator("h1").inner_text().strip().startswith("食品经营许可")

    # Chromium shows the inline PDF in its viewer rather than saving it as a download.
    link = page.locator('a[href$="/guide.pdf"]').first
    with page.expect_response(lambda r: r.url.endswith("/guide.pdf")) as info:
        link.click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # The viewer consumes the stream; fetch the same URL through the browser context (same cookies).
    pdf = page.context.request.get(response.url)
    assert pdf.ok
    reader = PdfReader(io.BytesIO(pdf.body()))
    text = "".join(p.extract_text() or "" for p in reader.pages)
    assert "食品经营许可" in text
    assert "申请材料" in text or "材料" in text


def test_filters_by_type_and_empty_state(page, e2e_server):
    page.goto("/search/?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7")
    page.get_by_role("link", name="权力清单").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert "type=power" in page.url
    assert all(
        b == "权力清单" for b in page.locator(".search-result__meta .badge").all_inner_texts()
    )
    titles = search_from_box(page, "<script>alert(1)</script>😀' OR 1=1 --")
    assert titles == [] or all(titles)
    assert page.locator(".empty-state, .search-result").count() > 0


def test_published_power_entry_appears_in_search_and_api(e2e_server):
    """The API half of the lists' publish flow: a newly published entry is served on the next request."""
    code = "E2E-SEARCH-0001"
    script = f"""
from accounts.models import Department
from portal.models import PowerEntry
entry = PowerEntry.objects.filter(code="{code}").first() or PowerEntry(
    code="{code}", basic_code="0100999", name="端到端测试权力事项", power_type="01",
    department=Department.objects.get(code="scjg"), live=False)
entry.save()
entry.save_revision().publish()
"""

    def fetch(path: str):
        with urllib.request.urlopen(e2e_server.base_url + path, timeout=10) as response:
            return response.read().decode()

    assert code not in fetch("/api/v1/power/?q=%E7%AB%AF%E5%88%B0%E7%AB%AF")
    e2e_server.manage("shell", "-c", script)
    body = json.loads(fetch(f"/api/v1/power/{code}"))
    assert body["name"] == "端到端测试权力事项"
    assert code in fetch("/search/?q=%E7%AB%AF%E5%88%B0%E7%AB%AF%E6%B5%8B%E8%AF%95&type=power")
