from __future__ import annotations

import pytest

from accounts.tests.factories import DepartmentFactory
from search.demo import seed_synonyms
from search.services import search_index_rebuild
from search.tests.factories import (
    LifeEventFactory,
    MaterialFactory,
    NegativeListItemFactory,
    PowerEntryFactory,
    PublicServiceEntryFactory,
    ResponsibilityItemFactory,
    ServiceItemFactory,
)

CATALOGUE = [
    (
        "SCJG-01-0001",
        "个体工商户设立登记",
        "申请人应当具有经营能力，领取营业执照后方可从事经营活动。",
        "both",
    ),
    (
        "SCJG-01-0002",
        "食品经营许可",
        "已取得营业执照等合法主体资格，具有与经营的食品品种相适应的经营场所。",
        "business",
    ),
    ("SCJG-01-0003", "企业设立登记", "设立有限责任公司，领取营业执照。", "business"),
    ("SCJG-01-0004", "营业执照遗失补领", "营业执照遗失或者毁损的，可申请补领。", "business"),
    (
        "RSJ-20-0001",
        "失业登记",
        "法定劳动年龄内、有劳动能力和就业要求、处于无业状态的本市户籍人员。",
        "person",
    ),
    ("RSJ-20-0002", "社会保障卡申领", "参加本市社会保险的人员。", "person"),
    (
        "GONGAN-07-0001",
        "居住证申领",
        "在本市居住半年以上，有合法稳定就业、合法稳定住所或连续就读。",
        "person",
    ),
    ("BDC-07-0001", "不动产登记（转移登记）", "因买卖、赠与等原因导致不动产权利转移。", "person"),
]


# What the search scenario's services share: 市场监管 licences whose guides hold only the text a
# test gives them (no FAQ, result name or legal basis to match a query by accident).
SCENARIO = {
    "item_type": "01",
    "legal_basis": "",
    "process_steps": [],
    "faq": [],
    "result_name": "",
}
INTERNET_CAFE = {
    "category": "permit",
    "name": "未获得许可，不得从事互联网上网服务营业场所经营",
    "competent_authority": "文化和旅游部",
    "keywords": "网吧 开网吧 上网服务",
}


@pytest.fixture
def catalogue(db):
    """A small live catalogue with the services the issue names, plus curated synonyms, indexed."""
    scjg = DepartmentFactory(code="scjg", name="市市场监督管理局")
    services = {}
    for code, name, conditions, audience in CATALOGUE:
        services[code] = ServiceItemFactory(
            code=code,
            name=name,
            conditions=conditions,
            audience=audience,
            department=scjg,
            **SCENARIO,
        )
    MaterialFactory(service=services["SCJG-01-0002"], name="营业执照复印件")
    event = LifeEventFactory(code="open-restaurant", name="开饭店")
    for code in ("SCJG-01-0001", "SCJG-01-0002", "SCJG-01-0003"):
        services[code].life_events.add(event)
        services[code].save()
    ServiceItemFactory(
        code="SCJG-01-0099", name="营业执照草稿事项", draft=True, department=scjg, **SCENARIO
    )
    power = PowerEntryFactory(
        code="SCJG-P-0002", name="食品经营许可证核发", power_type="01", department=scjg
    )
    ResponsibilityItemFactory(power=power, stage="受理")
    ResponsibilityItemFactory(
        power=power, stage="审查", duty="对申请材料进行审查，需要现场核查的组织核查。"
    )
    PowerEntryFactory(
        code="SCJG-P-0099", name="食品经营许可证注销（草稿）", draft=True, department=scjg
    )
    NegativeListItemFactory(code="200001", **INTERNET_CAFE)
    PublicServiceEntryFactory(
        service_code="RSJ-20-0003",
        name="社会保险个人权益记录查询",
        department=DepartmentFactory(code="rsj", name="市人力资源和社会保障局"),
        description="为参保人员提供社会保险权益记录查询服务。",
    )
    seed_synonyms()
    search_index_rebuild()
    return services
