from __future__ import annotations

import pytest

from portal.selectors import Verdict, negative_lookup
from portal.tests.factories import NegativeListItemFactory, NegativeMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def negative_list():
    cafe = NegativeListItemFactory(
        code="201001",
        name="未获得许可，不得从事互联网上网服务经营活动",
        keywords="网吧 网咖 上网服务",
        service_codes="GONGAN-01-0009",
    )
    NegativeMeasureFactory(item=cafe, text="互联网上网服务营业场所经营单位设立审批")
    drug = NegativeListItemFactory(
        code="202001", name="未获得许可，不得从事药品生产、经营活动", keywords="药店 开药店 药房"
    )
    NegativeMeasureFactory(item=drug, text="药品零售企业经营许可")
    gamble = NegativeListItemFactory(
        category="prohibited",
        code="100001",
        name="法律法规明确设立的禁止性规定",
        keywords="赌场 赌博",
    )
    NegativeMeasureFactory(item=gamble, text="禁止从事赌博经营活动")
    NegativeListItemFactory(code="209999", name="未发布的草稿", keywords="草稿生意", live=False)
    return cafe, drug, gamble


def test_three_verdicts(negative_list, client):
    assert negative_lookup(query="网吧").verdict == Verdict.PERMIT
    assert negative_lookup(query="我想开药店").verdict == Verdict.PERMIT
    assert negative_lookup(query="开赌场").verdict == Verdict.PROHIBITED
    assert negative_lookup(query="奶茶店").verdict == Verdict.UNSURE  # unknown trade: not a guess
    assert negative_lookup(query="草稿生意").verdict == Verdict.UNSURE  # drafts are not public
    assert negative_lookup(query="   ").verdict == Verdict.EMPTY

    body = client.get("/lists/negative/check/", {"q": "网吧"}).content.decode()
    assert "需许可" in body and "互联网上网服务营业场所经营单位设立审批" in body
    body = client.get("/lists/negative/check/", {"q": "赌场"}).content.decode()
    assert "禁止" in body and "禁止从事赌博经营活动" in body
    body = client.get("/lists/negative/check/", {"q": "奶茶店"}).content.decode()
    assert "未列入" not in body and "没能确定" in body


@pytest.mark.parametrize(
    "q",
    [
        "",
        "a" * 10000,
        "🍜🍺🎮",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%",
        "_",
        "\x00",
        "网吧\u202e",
        "１２３",
    ],
)
def test_lookup_never_errors(negative_list, client, q):
    response = client.get("/lists/negative/check/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_lookup_is_rate_limited_per_ip(client, settings):
    settings.LISTS_LOOKUP_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/lists/negative/check/", {"q": "网吧"}).status_code == 200
    response = client.get("/lists/negative/check/", {"q": "网吧"})
    assert response.status_code == 429
    assert "查询过于频繁" in response.content.decode()
    assert response["Retry-After"] == "60"
    other = client.get("/lists/negative/check/", {"q": "网吧"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_publishing_invalidates_lookup_cache(negative_list):
    from portal.services import entry_publish

    assert negative_lookup(query="烟草").verdict == Verdict.UNSURE
    item = NegativeListItemFactory(
        code="203001", name="未获得许可，不得从事烟草专卖品经营", live=False, keywords="烟草 卖烟"
    )
    entry_publish(entry=item)
    assert negative_lookup(query="烟草").verdict == Verdict.PERMIT
