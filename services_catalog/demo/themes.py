"""The 服务主题 and 一件事 of the demo catalogue."""

from __future__ import annotations

from services_catalog.constants import Audience

# 服务主题 — separate lists for 自然人 and 法人 (code, name, audience)
THEMES = [
    ("p-household", "户籍办理", Audience.PERSON),
    ("p-employment", "就业创业", Audience.PERSON),
    ("p-social-insurance", "社会保障", Audience.PERSON),
    ("p-birth", "生育收养", Audience.PERSON),
    ("p-marriage", "婚姻登记", Audience.PERSON),
    ("p-housing", "住房保障", Audience.PERSON),
    ("p-traffic", "交通出行", Audience.PERSON),
    ("p-education", "教育科研", Audience.PERSON),
    ("p-medical", "医疗卫生", Audience.PERSON),
    ("p-relief", "社会救助", Audience.PERSON),
    ("p-tax", "个人税务", Audience.PERSON),
    ("p-exit-entry", "出境入境", Audience.PERSON),
    ("b-establish", "设立变更", Audience.BUSINESS),
    ("b-permits", "准营准办", Audience.BUSINESS),
    ("b-employment", "人力资源", Audience.BUSINESS),
    ("b-tax", "税收财务", Audience.BUSINESS),
    ("b-subsidy", "惠企扶持", Audience.BUSINESS),
    ("b-construction", "建设工程", Audience.BUSINESS),
    ("b-transport", "交通运输", Audience.BUSINESS),
    ("b-health", "医疗卫生", Audience.BUSINESS),
    ("b-property", "不动产", Audience.BUSINESS),
    ("b-closure", "注销清算", Audience.BUSINESS),
]

# 一件事 (code, name, audience, description)
LIFE_EVENTS = [
    (
        "open-restaurant",
        "开饭店",
        Audience.BOTH,
        "从取得营业执照、办理食品经营许可到员工参保，一次告知开一家饭店需要办理的全部事项。",
    ),
    (
        "newborn",
        "新生儿出生",
        Audience.PERSON,
        "宝宝出生后办理出生医学证明、出生登记（落户）、预防接种证和社会保障卡，一次办好。",
    ),
    (
        "unemployment",
        "失业求职",
        Audience.PERSON,
        "失业后办理失业登记、申领失业保险金、参加职业技能培训和申领创业补贴。",
    ),
    (
        "start-business",
        "开办企业",
        Audience.BUSINESS,
        "企业名称申报、设立登记、公章刻制、社保登记和税务报到一次办结。",
    ),
    (
        "marriage-family",
        "结婚成家",
        Audience.PERSON,
        "婚姻登记、购房不动产登记、租房备案与住房保障。",
    ),
    (
        "retirement-care",
        "养老助老",
        Audience.PERSON,
        "老年人高龄津贴、困难群众救助与社保权益查询。",
    ),
    (
        "enterprise-relief",
        "纾困惠企",
        Audience.BUSINESS,
        "稳岗返还、社保费缓缴、房租减免和贷款贴息等惠企政策的申领。",
    ),
]
