"""English mode on the policy channel (issue 13, item 7): a policy with an English version
shows it, one without says once that it is in Chinese only, Chinese mode is unchanged."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from wagtail.rich_text import RichText

from policies.tests.factories import policy_page
from services_catalog.tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db
ALL_CHINESE = "This content is available in Chinese only."


@pytest.fixture
def policies():
    ServiceItemFactory(code="RSJ-05-0001", name="稳岗返还", name_en="Job-retention refund")
    translated = policy_page(
        title="稳岗返还政策",
        title_en="Job-retention refund",
        summary_en="Employers who kept their staff get part of their contributions back.",
        body_en=[("eligibility", RichText("<p>Apply by 30 June.</p>"))],
    )
    untranslated = policy_page(title="小微企业房租减免")
    return translated, untranslated


def english(client):
    assert client.get("/language/en/", {"next": "/business/"}).status_code == 302
    return client


def notices(body: str) -> list[str]:
    return re.findall(r'data-content-language="(\w+)"', body)


def test_translated_policy_shows_its_english_version(client, policies):
    translated, _ = policies
    body = english(client).get(translated.url).content.decode()
    assert "<title>Job-retention refund" in body
    assert "Employers who kept their staff" in body and "Apply by 30 June." in body
    assert "测试政策要点" not in body
    assert notices(body) == ["some"]


def test_untranslated_policy_says_it_is_chinese_only_once(client, policies):
    _, untranslated = policies
    body = english(client).get(untranslated.url).content.decode()
    assert '<span lang="zh-CN">小微企业房租减免</span>' in body
    assert notices(body) == ["all"] and body.count(ALL_CHINESE) == 1


def test_channel_lists_english_titles_and_keeps_chinese_mode(client, policies):
    translated, _ = policies
    chinese = client.get(translated.get_parent().url).content.decode()
    assert "稳岗返还政策" in chinese and "Job-retention refund" not in chinese
    assert notices(chinese) == []
    body = english(client).get(translated.get_parent().url).content.decode()
    assert "Job-retention refund" in body and "稳岗返还政策" not in body
    assert notices(body) == ["some"]


def _dated(page, *, start: dt.date, end: dt.date | None):
    page.effective_from, page.effective_to = start, end
    page.save_revision().publish()
    return page


def test_policy_dates_follow_the_page_language(client, policies):
    """English: "1 March 2026"; Chinese keeps 2026年3月1日 (in force and expired notices)."""
    translated, untranslated = policies
    _dated(translated, start=dt.date(2026, 3, 1), end=dt.date(2099, 12, 31))
    _dated(untranslated, start=dt.date(2024, 1, 5), end=dt.date(2025, 6, 30))
    chinese = client.get(translated.url).content.decode()
    assert "2026年3月1日" in chinese and "2099年12月31日" in chinese
    expired = client.get(untranslated.url).content.decode()
    assert "2024年1月5日" in expired and "有效期已于2025年6月30日届满" in expired
    english(client)
    body = client.get(translated.url).content.decode()
    assert "1 March 2026" in body and "31 December 2099" in body
    expired = client.get(untranslated.url).content.decode()
    assert "5 January 2024" in expired and "30 June 2025" in expired
    assert "2025年6月30日" not in expired and "2024年1月5日" not in expired
