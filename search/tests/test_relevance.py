"""The relevance table: what citizens type, and the services they must find on the first screen.

Runs against the demo catalogue (the demo loaders of accounts, services_catalog, portal and
search), so it measures the ranking a real visitor of the demo sees. Each row: the query and
the titles that must all be in the top 5, the first of them in the top 3. The table's
precision@5 is written to docs/benchmarks.md (see `precision_at_5`).
"""

from __future__ import annotations

import importlib

import pytest

from search.selectors import search_query

pytestmark = pytest.mark.django_db

TABLE: list[tuple[str, list[str]]] = [
    # abbreviations and other names
    ("社保", ["单位社会保险参保登记", "社会保险费缓缴申请", "个人社会保险权益记录查询打印"]),
    ("社会保险", ["单位社会保险参保登记", "社会保险费缓缴申请", "个人社会保险权益记录查询打印"]),
    ("社保卡", ["社会保障卡申领"]),
    ("社保缓缴", ["社会保险费缓缴申请"]),
    ("身份证", ["居民身份证换领"]),
    ("居民身份证", ["居民身份证换领"]),
    ("sfz", ["居民身份证换领"]),
    ("营业执照", ["个体工商户设立登记", "企业设立登记"]),
    ("yyzz", ["个体工商户设立登记", "企业设立登记"]),
    ("驾照", ["机动车驾驶证换证"]),
    ("换驾照", ["机动车驾驶证换证"]),
    ("低保", ["最低生活保障"]),
    ("失业金", ["失业保险金申领"]),
    ("个税", ["个人所得税综合所得汇算清缴", "开具个人所得税纳税记录"]),
    ("网约车", ["网络预约出租汽车运输证核发"]),
    ("公租房", ["公共租赁住房申请"]),
    ("护照", ["普通护照签发"]),
    ("无犯罪证明", ["无犯罪记录证明开具"]),
    ("房产证", ["不动产登记（转移登记）"]),
    ("出生证", ["出生医学证明办理"]),
    ("刻章", ["公章刻制备案"]),
    # what people want to do
    ("开饭店", ["食品经营许可", "个体工商户设立登记"]),
    ("开餐馆", ["食品经营许可", "个体工商户设立登记"]),
    ("开药店", ["药品零售企业经营许可"]),
    ("开公司", ["企业设立登记", "企业名称自主申报"]),
    ("注册公司", ["企业设立登记"]),
    ("个体户", ["个体工商户设立登记"]),
    ("生孩子", ["出生医学证明办理", "出生登记（新生儿落户）"]),
    ("失业了", ["失业登记", "失业保险金申领"]),
    ("结婚", ["婚姻登记"]),
    ("买房", ["不动产登记（转移登记）"]),
    ("过户", ["不动产登记（转移登记）"]),
    ("上学", ["义务教育阶段入学登记"]),
    ("租房", ["房屋租赁合同登记备案", "公共租赁住房申请"]),
    ("创业补贴", ["一次性创业补贴申领"]),
    ("稳岗补贴", ["稳岗返还"]),
    ("房租补贴", ["小微企业房租减免申请"]),
    # the catalogue's own words, pinyin and codes
    ("居住证", ["居住证申领"]),
    ("办理居住证", ["居住证申领"]),
    ("失业登记", ["失业登记"]),
    ("不动产登记", ["不动产登记（转移登记）"]),
    ("食品经营许可", ["食品经营许可"]),
    ("发票", ["发票领用"]),
    ("工伤", ["工伤认定"]),
    ("教师资格", ["教师资格认定"]),
    ("婚姻登记", ["婚姻登记"]),
    ("gtgsh", ["个体工商户设立登记"]),
    ("shehuibaozhangka", ["社会保障卡申领"]),
    ("RSJ-20-0001", ["失业登记"]),
]


@pytest.fixture
def demo_catalogue(db):
    for name in ("accounts.demo", "services_catalog.demo", "portal.demo", "search.demo"):
        importlib.import_module(name).load()


def top(q: str, n: int = 5) -> list[str]:
    return [hit.title for hit in search_query(q=q, doc_type="service", per_page=n).hits]


def precision_at_5(rows: list[tuple[str, list[str]]]) -> float:
    """Mean share of a row's expected services found in the top 5 (of at most 5 expected)."""
    shares = [len(set(top(q)) & set(expected)) / min(5, len(expected)) for q, expected in rows]
    return sum(shares) / len(shares)


def test_table_is_large_enough():
    assert len(TABLE) >= 40


def test_relevance_table(demo_catalogue):
    failures = []
    for q, expected in TABLE:
        found = top(q)
        if expected[0] not in found[:3] or not set(expected) <= set(found):
            failures.append(f"{q}: expected {expected}, got {found}")
    p5 = precision_at_5(TABLE)
    print(f"precision@5 over {len(TABLE)} queries: {p5:.3f}")
    assert not failures, "\n".join(failures)
    assert p5 == 1.0
