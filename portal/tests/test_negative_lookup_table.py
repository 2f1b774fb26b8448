"""The look-up table: ≥ 60 real descriptions, in the 市场准入负面清单's own words, with the answer.

A visitor relies on this: typing what they want to do gives every list item that governs it,
never an item of another family because one character is shared (烟花 is not 烟草), and an
honest "not sure" rather than 未列入 when the trade is not recognised.
"""

from __future__ import annotations

import pytest

from portal.demo.industries_loader import load_industries
from portal.demo.loader import load_negative_list
from portal.negative_lookup import Verdict, negative_lookup

pytestmark = pytest.mark.django_db

P, X, N, U = Verdict.PERMIT, Verdict.PROHIBITED, Verdict.NOT_LISTED, Verdict.UNSURE

# (description, verdict, item codes that must all be in the answer, codes that must not be)
TABLE = [
    # 互联网上网服务 / 娱乐场所 / 演出 / 出版物 / 旅行社 (201xxx)
    ("开网吧", P, {"201001"}, set()),
    ("互联网上网服务营业场所", P, {"201001"}, set()),
    ("开一家电竞馆", P, {"201001"}, set()),
    ("游戏厅", P, {"201002"}, set()),
    ("开电玩城", P, {"201002"}, set()),
    ("开KTV", P, {"201002"}, set()),
    ("歌舞厅", P, {"201002"}, set()),
    ("娱乐场所经营活动", P, {"201002"}, set()),
    ("营业性演出", P, {"201003"}, set()),
    ("演出经纪", P, {"201003"}, set()),
    ("开书店", P, {"201004"}, set()),
    ("出版物零售", P, {"201004"}, set()),
    ("开旅行社", P, {"201005"}, set()),
    # 药品 / 医疗器械 / 食品 / 医疗机构 / 公共场所 / 动物诊疗 (202xxx)
    ("开药店", P, {"202001"}, set()),
    ("开大药房", P, {"202001"}, set()),
    ("药品零售", P, {"202001"}, set()),
    ("药品批发", P, {"202001"}, set()),
    ("卖医疗器械", P, {"202002"}, set()),
    ("开超市", P, {"202003"}, set()),
    ("开便利店", P, {"202003"}, set()),
    ("开个小卖部", P, {"202003"}, set()),
    ("开饭店", P, {"202003"}, set()),
    ("开一家奶茶店", P, {"202003"}, set()),
    ("开咖啡店", P, {"202003"}, set()),
    ("面包店", P, {"202003"}, set()),
    ("食品生产", P, {"202003"}, set()),
    ("做外卖", P, {"202003"}, set()),
    ("开诊所", P, {"202004"}, set()),
    ("开口腔诊所", P, {"202004"}, set()),
    ("医疗美容", P, {"202004"}, set()),
    ("开宾馆", P, {"202005"}, set()),
    ("洗浴中心", P, {"202005"}, set()),
    ("开足浴店", P, {"202005"}, set()),
    ("开宠物医院", P, {"202006"}, {"202004"}),
    ("动物诊疗", P, {"202006"}, set()),
    # 烟草 / 危险化学品 / 成品油 / 烟花爆竹 (203xxx)
    ("卖烟", P, {"203001"}, {"203004"}),
    ("烟草专卖品经营", P, {"203001"}, {"203004"}),
    ("开烟酒店", P, {"203001"}, {"202005", "207001"}),
    ("卖电子烟", P, {"203001"}, set()),
    ("卖烟花爆竹", P, {"203004"}, {"203001"}),
    ("烟花", P, {"203004"}, {"203001"}),
    ("卖鞭炮", P, {"203004"}, {"203001"}),
    ("危险化学品经营", P, {"203002"}, set()),
    ("卖油漆", P, {"203002"}, set()),
    ("开加油站", P, {"203003"}, set()),
    # 道路运输 / 网约车 / 快递 (204xxx)
    ("道路货物运输", P, {"204001"}, set()),
    ("跑运输", P, {"204001"}, set()),
    ("开网约车", P, {"204002"}, set()),
    ("开快递网点", P, {"204003"}, set()),
    # 人力资源 / 教育 (205xxx)
    ("劳务派遣", P, {"205001"}, set()),
    ("职业中介", P, {"205001"}, set()),
    ("开培训班", P, {"205002"}, set()),
    ("办幼儿园", P, {"205002"}, set()),
    # 建筑 / 房地产 / 燃气 (206xxx)
    ("开装修公司", P, {"206001"}, set()),
    ("房地产开发", P, {"206001"}, set()),
    ("卖液化气", P, {"206002"}, set()),
    # 特种行业 (207xxx)
    ("开民宿", P, {"207001"}, set()),
    ("开旅馆", P, {"207001", "202005"}, set()),
    ("刻公章", P, {"207001"}, set()),
    ("保安公司", P, {"207001"}, set()),
    # 典当 / 小额贷款 (208xxx), 电信 (209001), 广播电视节目 (209002)
    ("开典当行", P, {"208001"}, set()),
    ("小额贷款", P, {"208001"}, set()),
    ("增值电信业务", P, {"209001"}, set()),
    ("ICP", P, {"209001"}, set()),
    ("影视制作", P, {"209002"}, set()),
    ("拍短剧", P, {"209002"}, set()),
    # 禁止准入 (1000xx)
    ("开赌场", X, {"100001"}, set()),
    ("卖象牙制品", X, {"100001"}, set()),
    ("吃野味", X, {"100001"}, set()),
    ("小造纸", X, {"100002"}, set()),
    ("自然保护区开发", X, {"100003"}, set()),
    ("非法集资", X, {"100004"}, set()),
    ("做P2P", X, {"100004"}, set()),
    ("网络传销", X, {"100005"}, set()),
    ("办报纸", X, {"100006"}, set()),
    # 未列入, with confidence: a recognised trade that the list does not govern
    ("卖水果", N, set(), set()),
    ("开服装店", N, set(), set()),
    ("做软件开发", N, set(), set()),
]


@pytest.fixture
def demo_list():
    load_negative_list(departments={})
    load_industries()


def test_the_table_covers_every_family_and_is_large_enough():
    from portal.demo.negative_list import NEGATIVE_PERMIT, NEGATIVE_PROHIBITED

    codes = {row[1] for row in NEGATIVE_PERMIT + NEGATIVE_PROHIBITED}
    covered = set().union(*(row[2] for row in TABLE))
    assert len(TABLE) >= 60
    assert codes <= covered, codes - covered


def test_lookup_table(demo_list):
    wrong = []
    for query, verdict, must, must_not in TABLE:
        result = negative_lookup(query=query)
        got = {i.code for i in result.items}
        if result.verdict != verdict or not must <= got or got & must_not:
            wrong.append((query, result.verdict, sorted(got)))
    assert not wrong, wrong


CHECK = "/lists/negative/check/"


def test_page_says_why_and_lists_every_item_with_its_services(demo_list, client):

    body = client.get(CHECK, {"q": "开旅馆"}).content.decode()
    assert "未获得许可，不得从事特种行业经营" in body and "未获得许可，不得从事公共场所经营" in body
    assert "“旅馆”属于行业 H6121 一般旅馆" in body


def test_fireworks_are_not_tobacco_on_the_page(demo_list, client):
    body = client.get(CHECK, {"q": "卖烟花爆竹"}).content.decode()
    assert "烟花爆竹经营（零售）许可" in body and "“烟花爆竹”是本事项的检索关键词" in body
    assert "烟草专卖零售许可" not in body


def test_unknown_trade_is_not_sure_with_closest_industries(demo_list, client):
    result = negative_lookup(query="开一家超级市场")
    assert result.verdict in (Verdict.PERMIT, Verdict.UNSURE)
    result = negative_lookup(query="卖宠物粮")
    assert result.verdict == Verdict.UNSURE and "O8222" in {s.code for s in result.suggestions}
    body = client.get(CHECK, {"q": "卖宠物粮"}).content.decode()
    assert "没能确定" in body and "未列入市场准入负面清单" not in body
    assert "industry=O8222" in body
    body = client.get(CHECK, {"q": "卖宠物粮", "industry": "O8222"}).content.decode()
    assert "您选择的行业 O8222 宠物医院服务 适用本事项" in body


@pytest.mark.parametrize(
    "q, allowed",
    [
        ("", {Verdict.EMPTY}),
        ("开" * 5000, {Verdict.UNSURE}),
        ("🍜🍺🎮", {Verdict.EMPTY, Verdict.UNSURE}),
        ("🎆🎇 卖烟花", {Verdict.PERMIT}),
        ("internet cafe", {Verdict.UNSURE}),
        ("fireworks shop", {Verdict.UNSURE}),
        ("wangba", {Verdict.UNSURE}),
        ("maiyanhua", {Verdict.UNSURE}),
        ("我想开KTV和卖烟花", {Verdict.PERMIT}),
        ("kai chaoshi 超市", {Verdict.PERMIT}),
        ("烟", {Verdict.UNSURE}),
        ("花", {Verdict.UNSURE}),
        ("industry=<script>", {Verdict.UNSURE}),
    ],
)
def test_bad_input_is_an_answer_or_not_sure_never_a_wrong_family(demo_list, client, q, allowed):
    result = negative_lookup(query=q)
    assert result.verdict in allowed
    codes = {i.code for i in result.items}
    if "烟花" in q:
        assert "203004" in codes and "203001" not in codes
    if q in ("烟", "花"):
        assert not codes
    response = client.get(CHECK, {"q": q, "industry": q[:20]})
    assert response.status_code == 200
