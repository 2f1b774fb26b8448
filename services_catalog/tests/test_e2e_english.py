"""In a real browser on a phone (390x844): a visitor switches to English with the header's
link, reads a translated guide in English, and is told once when a guide or the policy
channel is in Chinese only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_visitor_reads_the_catalogue_and_policies_in_english_on_a_phone(page, e2e_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/services/?audience=person")
    page.locator("a[hreflang=en]").first.dispatch_event("click")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Jobs and starting a business" in page.locator(".catalog-facets").inner_text()
    page.click(".catalog-facets >> text=Losing a job and finding work")
    page.click(".catalog-cards >> text=Unemployment registration")
    assert page.url.endswith("/services/RSJ-20-0001/")
    assert page.locator("h1").inner_text() == "Unemployment registration"
    assert "Residents of working age" in page.locator("#conditions").inner_text()
    notice = page.locator(".content-language-notice")
    assert notice.count() == 1
    assert notice.inner_text() == "Some content on this page is available in Chinese only."

    page.goto("/services/SCJG-01-0004/")  # 企业变更登记 has no English version
    assert page.locator("h1").inner_text() == "企业变更登记"
    assert page.locator("h1").get_attribute("lang") == "zh-CN"
    assert page.locator(".content-language-notice").inner_text() == (
        "This content is available in Chinese only."
    )

    page.goto("/business/")
    assert page.locator(".content-language-notice").count() == 1
    assert "Food business licence" in page.locator("#services").inner_text()
