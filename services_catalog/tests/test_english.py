"""English mode (issue 13, item 7): content with an English version shows it, content
without one says once per page that it is in Chinese only, and Chinese mode is unchanged.

The visitor switches language with the site's own link (/language/en/), as in the header.
"""

from __future__ import annotations

import re

import pytest

from accounts.tests.factories import DepartmentFactory
from services_catalog.constants import Audience
from services_catalog.tests.factories import (
    LifeEventFactory,
    MaterialFactory,
    ServiceItemFactory,
    ServiceThemeFactory,
)

pytestmark = pytest.mark.django_db
ALL_CHINESE = "This content is available in Chinese only."
SOME_CHINESE = "Some content on this page is available in Chinese only."


@pytest.fixture
def catalogue():
    rsj = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    scjg = DepartmentFactory(code="scjg", name="市市场监督管理局")
    jobs = ServiceThemeFactory(code="p-employment", name="就业创业", audience=Audience.PERSON)
    firms = ServiceThemeFactory(
        code="b-establish",
        name="设立变更",
        name_en="Registration and changes",
        audience=Audience.BUSINESS,
    )
    restaurant = LifeEventFactory(
        code="open-restaurant",
        name="开饭店",
        name_en="Opening a restaurant",
        audience=Audience.BOTH,
    )
    translated = ServiceItemFactory(
        code="RSJ-20-0001",
        name="失业登记",
        name_en="Unemployment registration",
        conditions="处于无业状态的本市户籍人员。",
        conditions_en="Residents who have no work.",
        process_steps_en=[{"title": "Apply online", "detail": "Fill in one form."}],
        result_name_en="Unemployment registration certificate",
        department=rsj,
        audience=Audience.PERSON,
        themes=[jobs],
        visits=0,
    )
    MaterialFactory(service=translated, name="申请人居民身份证", name_en="Applicant's ID card")
    untranslated = ServiceItemFactory(
        code="SCJG-01-0002",
        name="食品经营许可",
        department=scjg,
        audience=Audience.BUSINESS,
        themes=[firms],
        life_events=[restaurant],
    )
    return {"translated": translated, "untranslated": untranslated}


def english(client):
    """Choose English with the header's language link, as a visitor does."""
    response = client.get("/language/en/", {"next": "/services/"})
    assert response.status_code == 302
    return client


def notices(body: str) -> list[str]:
    return re.findall(r'data-content-language="(\w+)"', body)


def test_translated_guide_shows_its_english_version(client, catalogue):
    body = english(client).get("/services/RSJ-20-0001/").content.decode()
    assert re.search(r"<h1[^>]*>Unemployment registration</h1>", body)
    assert "<title>Unemployment registration" in body
    assert "Residents who have no work." in body
    assert "Apply online" in body and "Applicant&#x27;s ID card" in body
    assert "Unemployment registration certificate" in body
    assert "失业登记" not in body and "处于无业状态" not in body
    # The department's name has no English version: marked as Chinese, and the page says
    # (once) that parts of it are Chinese only.
    assert '<span lang="zh-CN">市人力资源和社会保障局</span>' in body
    assert notices(body) == ["some"] and body.count(SOME_CHINESE) == 1
    assert ALL_CHINESE not in body


def test_untranslated_guide_says_it_is_chinese_only_once(client, catalogue):
    body = english(client).get("/services/SCJG-01-0002/").content.decode()
    assert re.search(r'<h1 lang="zh-CN">食品经营许可</h1>', body)
    assert notices(body) == ["all"] and body.count(ALL_CHINESE) == 1
    # its theme and life event do have English names
    assert "Registration and changes" in body and "Opening a restaurant" in body


def test_no_half_translated_visit_count(client, catalogue):
    for path in ("/services/RSJ-20-0001/", "/services/SCJG-01-0002/"):
        body = english(client).get(path).content.decode()
        assert "visit(s)" not in body and "0visit" not in body


def test_browse_in_english_translates_names_and_themes_without_mixing(client, catalogue):
    body = english(client).get("/services/").content.decode()
    assert "Unemployment registration" in body
    assert '<strong lang="zh-CN">食品经营许可</strong>' in body
    # a theme is named in one language, with its audience in the same language
    assert "Registration and changes (Legal entity)" in body
    assert "就业创业（个人）" in body
    assert "设立变更（" not in body and "（Legal entity）" not in body
    assert "Opening a restaurant" in body
    assert notices(body) == ["some"]


def test_chinese_mode_is_unchanged(client, catalogue):
    guide = client.get("/services/RSJ-20-0001/").content.decode()
    assert re.search(r"<h1>失业登记</h1>", guide)
    assert "处于无业状态的本市户籍人员。" in guide and "Unemployment" not in guide
    assert "0 次（" in guide
    assert notices(guide) == [] and 'lang="zh-CN"' not in guide.split("<main", 1)[1]
    browse = client.get("/services/").content.decode()
    assert "设立变更（法人）" in browse and "就业创业（个人）" in browse
    assert "Registration and changes" not in browse and notices(browse) == []


def test_each_language_gets_its_own_cached_page(client, catalogue):
    assert "<h1>失业登记</h1>" in client.get("/services/RSJ-20-0001/").content.decode()
    body = english(client).get("/services/RSJ-20-0001/").content.decode()
    assert "<h1>Unemployment registration</h1>" in body
    client.get("/language/zh-hans/", {"next": "/"})
    assert "<h1>失业登记</h1>" in client.get("/services/RSJ-20-0001/").content.decode()


def test_list_pages_say_their_entries_are_chinese_only(client):
    assert notices(client.get("/lists/power/").content.decode()) == []
    assert notices(english(client).get("/lists/power/").content.decode()) == ["all"]
