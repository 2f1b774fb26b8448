"""Public catalogue pages: browse filters, guide content, 404s, escaping and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import DepartmentFactory, UserFactory
from data_exchange.tests.factories import AccessRuleFactory
from services_catalog.constants import Audience, MaterialNecessity
from services_catalog.tests.factories import (
    LifeEventFactory,
    MaterialFactory,
    ServiceItemFactory,
    ServiceThemeFactory,
)

pytestmark = pytest.mark.django_db
BROWSE = "/services/"


def names(response) -> set[str]:
    return {card["s"].name for card in response.context["cards"]}


@pytest.fixture
def catalogue():
    dept_a = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    dept_b = DepartmentFactory(code="scjg", name="市市场监督管理局")
    jobs = ServiceThemeFactory(code="p-employment", name="就业创业", audience=Audience.PERSON)
    firms = ServiceThemeFactory(code="b-establish", name="设立变更", audience=Audience.BUSINESS)
    restaurant = LifeEventFactory(code="open-restaurant", name="开饭店", audience=Audience.BOTH)
    return {
        "person": ServiceItemFactory(
            name="失业登记", department=dept_a, audience=Audience.PERSON, themes=[jobs]
        ),
        "business": ServiceItemFactory(
            name="食品经营许可",
            department=dept_b,
            audience=Audience.BUSINESS,
            themes=[firms],
            life_events=[restaurant],
        ),
        "both": ServiceItemFactory(
            name="个体工商户设立登记",
            department=dept_b,
            audience=Audience.BOTH,
            themes=[jobs, firms],
            life_events=[restaurant],
        ),
        "draft": ServiceItemFactory(name="未发布事项", department=dept_a, draft=True),
    }


def test_browse_lists_only_live_services(client, catalogue):
    response = client.get(BROWSE)
    assert response.status_code == 200
    assert names(response) == {"失业登记", "食品经营许可", "个体工商户设立登记"}
    assert "未发布事项" not in response.content.decode()


def test_audience_filter_includes_services_for_both(client, catalogue):
    assert names(client.get(BROWSE, {"audience": "person"})) == {"失业登记", "个体工商户设立登记"}
    assert names(client.get(BROWSE, {"audience": "business"})) == {
        "食品经营许可",
        "个体工商户设立登记",
    }


def test_filters_combine(client, catalogue):
    response = client.get(BROWSE, {"audience": "person", "theme": "b-establish"})
    assert names(response) == {"个体工商户设立登记"}
    response = client.get(
        BROWSE, {"event": "open-restaurant", "department": "scjg", "audience": "business"}
    )
    assert names(response) == {"食品经营许可", "个体工商户设立登记"}
    response = client.get(BROWSE, {"department": "rsj"})
    assert names(response) == {"失业登记"}


def test_full_width_and_padded_filters_mean_what_they_look_like(client, catalogue):
    """A filter typed in full-width letters or with spaces (a link pasted from a document) finds
    the same services as the plain one, not a 400."""
    response = client.get(BROWSE, {"audience": "ｂｕｓｉｎｅｓｓ", "department": "　ｓｃｊｇ "})
    assert response.status_code == 200
    assert names(response) == {"食品经营许可", "个体工商户设立登记"}
    response = client.get(BROWSE, {"event": "ｏｐｅｎ－ｒｅｓｔａｕｒａｎｔ"})
    assert names(response) == {"食品经营许可", "个体工商户设立登记"}


def test_counts_and_key_facts_on_cards(client, catalogue):
    body = client.get(BROWSE, {"audience": "business"}).content.decode()
    assert "共 2 项事项" in body
    assert "承诺时限" in body and "5个工作日" in body
    assert "零跑动" in body and "可网办" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"audience": "alien"}, "办事对象“alien”无效"),
        ({"theme": "no-such-theme"}, "没有找到服务主题“no-such-theme”"),
        ({"department": "nobody"}, "没有找到部门“nobody”"),
        ({"event": "moon-landing"}, "没有找到一件事“moon-landing”"),
    ],
)
def test_unknown_filter_values_give_a_specific_error(client, catalogue, params, message):
    response = client.get(BROWSE, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "999", "1e9", "<script>"])
def test_bad_page_numbers_do_not_error(client, catalogue, page):
    assert client.get(BROWSE, {"page": page}).status_code == 200


def test_pagination(client, settings):
    settings.SERVICES_CATALOG_PAGE_SIZE = 5
    dept = DepartmentFactory()
    for i in range(12):
        ServiceItemFactory(name=f"分页事项{i:02d}", department=dept)
    first = client.get(BROWSE)
    third = client.get(BROWSE, {"page": 3})
    assert len(first.context["cards"]) == 5 and len(third.context["cards"]) == 2
    assert "第 1 / 3 页" in first.content.decode()


def test_browse_has_no_n_plus_one(client, django_assert_max_num_queries):
    dept = DepartmentFactory()
    theme = ServiceThemeFactory(audience=Audience.PERSON)
    for _ in range(20):
        ServiceItemFactory(department=DepartmentFactory(), themes=[theme])
    ServiceItemFactory(department=dept)
    with django_assert_max_num_queries(8):
        response = client.get(BROWSE, {"audience": "person"})
    assert len(response.context["cards"]) == 20


def test_guide_shows_every_section(client):
    service = ServiceItemFactory(
        code="RSJ-20-0001",
        name="失业登记",
        power_code="11310000MB2F10004G200001",
        allows_tolerance=True,
        allows_commitment=True,
        charges_fee=True,
        fee_basis="工本费10元",
    )
    MaterialFactory(
        service=service,
        name="申请人居民身份证",
        evidence_type="gongan.household_register",
        issuer="公安机关",
        original_count=1,
        copy_count=2,
    )
    # 免提交 is shown only behind an approved sharing agreement.
    AccessRuleFactory(service_code="RSJ-20-0001", evidence_type="gongan.household_register")
    MaterialFactory(service=service, name="近期免冠照片", necessity=MaterialNecessity.TOLERABLE)
    body = client.get(f"/services/{service.code}/").content.decode()
    for text in (
        "受理条件",
        "申请材料",
        "办理流程",
        "法定办结时限",
        "承诺办结时限",
        "到办事现场次数",
        "收费依据及标准",
        "工本费10元",
        "办理地点",
        "办理时间",
        "咨询电话",
        "监督投诉电话",
        "常见问题",
        "结果名称",
        "服务对象",
        "是否支持预约",
        "是否支持物流快递",
        "办件类型",
        "原件 1 份 / 复印件 2 份",
        "出具机构：公安机关",
        "授权调取市公安局“居民户籍信息”",
        "容缺（可后补）",
        "容缺受理",
        "告知承诺制",
        "《居住证暂行条例》第九条",
    ):
        assert text in body, text
    assert 'href="/apply/RSJ-20-0001/"' in body
    assert 'href="/lists/power/11310000MB2F10004G200001/"' in body
    assert 'href="/services/RSJ-20-0001/guide.pdf"' in body


def test_window_only_service_has_no_online_button(client):
    service = ServiceItemFactory(online=False)
    body = client.get(f"/services/{service.code}/").content.decode()
    assert "/apply/" not in body and "在线办理" not in body


@pytest.mark.parametrize("suffix", ["", "guide.pdf"])
def test_unknown_and_unpublished_codes_are_404(client, suffix):
    draft = ServiceItemFactory(draft=True)
    assert client.get(f"/services/NO-SUCH-CODE/{suffix}").status_code == 404
    assert client.get(f"/services/{draft.code}/{suffix}").status_code == 404


def test_html_in_fields_is_escaped_on_the_page(client):
    evil = '<script>alert("x")</script><b>粗体</b>'
    service = ServiceItemFactory(
        name=f"事项{evil}", conditions=evil, faq=[{"question": evil, "answer": evil}]
    )
    MaterialFactory(service=service, name=evil, note=evil)
    for url in (f"/services/{service.code}/", BROWSE):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<b>粗体</b>" not in body
        assert "&lt;script&gt;alert" in body


def test_guide_query_count_is_bounded(client, django_assert_max_num_queries):
    service = ServiceItemFactory()
    for _ in range(10):
        MaterialFactory(service=service)
    with django_assert_max_num_queries(7):
        assert client.get(f"/services/{service.code}/").status_code == 200


def test_signed_in_users_see_their_own_chrome_not_a_cached_page(client, catalogue):
    client.get(BROWSE)  # anonymous: cached
    user = UserFactory(real_name="缓存测试用户")
    client.force_login(user)
    assert "缓存测试用户" in client.get(BROWSE).content.decode()


def test_a_kept_guide_carries_nothing_of_the_visitor_who_filled_the_cache(catalogue):
    """The guide is kept whole for anonymous visitors (config.pagecache): the next visitor gets
    the same page, served without rendering, and none of the first visitor's form token."""
    from django.test import Client

    url = f"/services/{catalogue['person'].code}/"
    first = Client().get(url)
    second = Client().get(url)
    assert first.context is not None and second.context is None  # the second was kept
    assert first.content == second.content
    assert b"csrfmiddlewaretoken" not in second.content and b"CSRF_TOKEN__" not in second.content
    assert "csrftoken" not in second.cookies


def test_reverse_names():
    assert reverse("services_catalog:guide", args=["X-1"]) == "/services/X-1/"


def test_large_text_visitors_get_their_own_cached_page(client, catalogue):
    normal = client.get(BROWSE).content.decode()
    client.cookies["ywtb_large_text"] = "1"
    large = client.get(BROWSE).content.decode()
    assert normal != large
    assert "标准版" in large and "标准版" not in normal


def test_unknown_query_parameters_are_not_cached(client, catalogue, monkeypatch):
    """Random query strings must not flood the cache (works with any cache backend)."""
    from django.core.cache import cache

    stored_keys = []
    real_set = cache.set

    def spy_set(key, *args, **kwargs):
        stored_keys.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", spy_set)
    client.get(BROWSE, {"utm_source": "x1"})
    client.get(BROWSE, {"utm_source": "x2"})
    assert not [key for key in stored_keys if key.startswith("pc:")]
    client.get(BROWSE, {"audience": "person"})
    assert [key for key in stored_keys if key.startswith("pc:")]
