"""The demo business's certified profile and further organisations for the 免申即享 scan."""

from __future__ import annotations

DEMO_BUSINESS_PROFILE = {
    "industry_code": "H6210",
    "enterprise_size": "小",
    "registration_district": "310114",
    "established_date": "2019-04-18",
    "headcount": 36,
    "tax_credit_rating": "A",
    "licences": ["食品经营许可证", "公共场所卫生许可证"],
}

# Further organisations (no login) for the 免申即享 scan: (name, USCC first 17, profile)
EXTRA_ORGANISATIONS = [
    (
        "上海嘉定汇丰物流有限公司",
        "91310114MA1GU1001",
        {
            "industry_code": "G5430",
            "enterprise_size": "中",
            "registration_district": "310114",
            "established_date": "2012-03-09",
            "headcount": 180,
            "tax_credit_rating": "B",
            "licences": ["道路运输经营许可证"],
        },
    ),
    (
        "上海安达医疗用品有限公司",
        "91310115MA1GU1002",
        {
            "industry_code": "C3586",
            "enterprise_size": "小",
            "registration_district": "310115",
            "established_date": "2016-08-21",
            "headcount": 62,
            "tax_credit_rating": "A",
            "licences": ["医疗器械生产许可证"],
        },
    ),
    (
        "上海云启软件科技有限公司",
        "91310104MA1GU1003",
        {
            "industry_code": "I6510",
            "enterprise_size": "小",
            "registration_district": "310104",
            "established_date": "2018-11-02",
            "headcount": 48,
            "tax_credit_rating": "A",
            "licences": [],
        },
    ),
    (
        "上海黄浦老饭店有限公司",
        "91310101MA1GU1004",
        {
            "industry_code": "H6210",
            "enterprise_size": "微",
            "registration_district": "310101",
            "established_date": "2024-05-10",
            "headcount": 8,
            "tax_credit_rating": "M",
            "licences": ["食品经营许可证"],
        },
    ),
    (
        "上海长宁宏达建筑工程有限公司",
        "91310105MA1GU1005",
        {
            "industry_code": "E4710",
            "enterprise_size": "大",
            "registration_district": "310105",
            "established_date": "2005-01-20",
            "headcount": 860,
            "tax_credit_rating": "A",
            "licences": ["建筑业企业资质证书"],
        },
    ),
    (
        "上海浦东锦程国际贸易有限公司",
        "91310115MA1GU1006",
        {
            "industry_code": "F5137",
            "enterprise_size": "中",
            "registration_district": "310115",
            "established_date": "2010-07-07",
            "headcount": 120,
            "tax_credit_rating": "B",
            "licences": ["对外贸易经营者备案登记表"],
        },
    ),
    (
        "上海徐汇悦然文化传播有限公司",
        "91310104MA1GU1007",
        {
            "industry_code": "R8710",
            "enterprise_size": "微",
            "registration_district": "310104",
            "established_date": "2025-02-14",
            "headcount": 6,
            "tax_credit_rating": "B",
            "licences": [],
        },
    ),
    (
        "上海嘉定精工机械制造有限公司",
        "91310114MA1GU1008",
        {
            "industry_code": "C3421",
            "enterprise_size": "中",
            "registration_district": "310114",
            "established_date": "2009-09-30",
            "headcount": 240,
            "tax_credit_rating": "A",
            "licences": [],
        },
    ),
]
