"""Records the demo departments hold: the demo citizens and the demo business.

Pure data (no Django). Identifiers follow GB 11643 / GB 32100 so that they match the
accounts created by accounts/demo.py.
"""

from __future__ import annotations

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_number(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def uscc(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_ALPHABET[(31 - total % 31) % 31]


ZHANG_WEI = id_number("31011419850315231")
LI_NA = id_number("31010419920708462")
WANG_FANG = id_number("31011519880222102")
LIU_FANG = id_number("31011419870611204")  # 张伟's spouse (no portal account)
JIAHE = uscc("91310114MA1GT3K5X")

# code: (name, USCC of the department, simulator port offset)
DEPARTMENTS: dict[str, tuple[str, str, int]] = {
    "gongan": ("市公安局", uscc("11310000MB2F10002"), 1),
    "scjg": ("市市场监督管理局", uscc("11310000MB2F10003"), 2),
    "rsj": ("市人力资源和社会保障局", uscc("11310000MB2F10004"), 3),
    "bdc": ("市不动产登记中心", uscc("11310000MB2F10005"), 4),
    "jyj": ("市教育局", uscc("11310000MB2F10006"), 5),
    "mzj": ("市民政局", uscc("11310000MB2F10007"), 6),
    "wjw": ("市卫生健康委员会", uscc("11310000MB2F10008"), 7),
}

# Licence metadata (GB/T 36903): 3-digit sequence appended to the issuer's USCC.
LICENCE_TYPES: dict[str, tuple[str, str]] = {
    "gongan.household_register": ("居民户口簿", "001"),
    "scjg.business_licence": ("营业执照", "001"),
    "bdc.property_certificate": ("不动产权证书", "001"),
    "jyj.education_certificate": ("学历证书", "002"),
    "mzj.marriage_registration": ("结婚证", "001"),
    "wjw.birth_certificate": ("出生医学证明", "001"),
}

# evidence type -> holder id -> list of records (a holder may have several, e.g. two properties)
RECORDS: dict[str, dict[str, list[dict]]] = {
    "gongan.household_register": {
        ZHANG_WEI: [
            {
                "name": "张伟",
                "id_number": ZHANG_WEI,
                "gender": "男",
                "ethnicity": "汉族",
                "birth_date": "1985-03-15",
                "household_address": "上海市嘉定区安亭镇墨玉路185弄12号301室",
                "issuing_office": "上海市公安局嘉定分局安亭派出所",
                "_licence": {"number": "310114001852316", "issue_date": "2015-06-02"},
            }
        ],
        LI_NA: [
            {
                "name": "李娜",
                "id_number": LI_NA,
                "gender": "女",
                "ethnicity": "汉族",
                "birth_date": "1992-07-08",
                "household_address": "上海市徐汇区漕溪北路595号6号楼1202室",
                "issuing_office": "上海市公安局徐汇分局漕河泾派出所",
                "_licence": {"number": "310104007084620", "issue_date": "2018-03-21"},
            }
        ],
        WANG_FANG: [
            {
                "name": "王芳",
                "id_number": WANG_FANG,
                "gender": "女",
                "ethnicity": "回族",
                "birth_date": "1988-02-22",
                "household_address": "上海市浦东新区张杨路1362弄5号702室",
                "issuing_office": "上海市公安局浦东分局洋泾派出所",
                "_licence": {"number": "310115002221021", "issue_date": "2016-09-12"},
            }
        ],
    },
    "scjg.business_licence": {
        JIAHE: [
            {
                "uscc": JIAHE,
                "name": "上海嘉禾餐饮管理有限公司",
                "legal_representative": "王芳",
                "entity_type": "有限责任公司（自然人投资或控股）",
                "registered_capital": "200万元人民币",
                "established_date": "2019-04-18",
                "address": "上海市嘉定区嘉定镇街道城中路138号2层",
                "business_scope": "餐饮服务；餐饮管理；食品销售；外卖递送服务",
                "industry_code": "H6210",
                "registration_district": "310114",
                "enterprise_size": "小",
                "headcount": 36,
                "tax_credit_rating": "A",
                "licences": ["食品经营许可证", "公共场所卫生许可证"],
                "_licence": {"number": "310114000728561", "issue_date": "2019-04-18"},
            }
        ]
    },
    "rsj.social_insurance": {
        ZHANG_WEI: [
            {
                "name": "张伟",
                "id_number": ZHANG_WEI,
                "insured_status": "暂停参保",
                "insurance_types": ["养老保险", "医疗保险", "失业保险", "工伤保险", "生育保险"],
                "first_insured_date": "2007-08-01",
                "months_paid": 219,
                "current_employer": "上海申通物流有限公司（2026-10-31 解除劳动合同）",
            }
        ],
        LI_NA: [
            {
                "name": "李娜",
                "id_number": LI_NA,
                "insured_status": "正常参保",
                "insurance_types": ["养老保险", "医疗保险", "失业保险", "工伤保险", "生育保险"],
                "first_insured_date": "2015-07-01",
                "months_paid": 137,
                "current_employer": "上海华东教育科技有限公司",
            }
        ],
        WANG_FANG: [
            {
                "name": "王芳",
                "id_number": WANG_FANG,
                "insured_status": "正常参保",
                "insurance_types": ["养老保险", "医疗保险", "失业保险", "工伤保险", "生育保险"],
                "first_insured_date": "2010-09-01",
                "months_paid": 195,
                "current_employer": "上海嘉禾餐饮管理有限公司",
            }
        ],
    },
    "bdc.property_certificate": {
        ZHANG_WEI: [
            {
                "certificate_no": "沪(2019)嘉字不动产权第012345号",
                "owner_name": "张伟",
                "id_number": ZHANG_WEI,
                "location": "上海市嘉定区安亭镇墨玉路185弄12号301室",
                "area_m2": "89.36",
                "use": "住宅",
                "registered_date": "2019-11-06",
                "_licence": {
                    "number": "沪(2019)嘉字不动产权第012345号",
                    "issue_date": "2019-11-06",
                },
            }
        ]
    },
    "jyj.education_certificate": {
        ZHANG_WEI: [
            {
                "name": "张伟",
                "id_number": ZHANG_WEI,
                "school": "同济大学",
                "major": "交通运输",
                "level": "本科",
                "graduation_date": "2007-07-01",
                "certificate_no": "102471200705003218",
                "_licence": {"number": "102471200705003218", "issue_date": "2007-07-01"},
            }
        ],
        LI_NA: [
            {
                "name": "李娜",
                "id_number": LI_NA,
                "school": "华东师范大学",
                "major": "教育技术学",
                "level": "硕士研究生",
                "graduation_date": "2017-06-30",
                "certificate_no": "102691201702000457",
                "_licence": {"number": "102691201702000457", "issue_date": "2017-06-30"},
            }
        ],
    },
    "mzj.marriage_registration": {
        ZHANG_WEI: [
            {
                "name": "张伟",
                "id_number": ZHANG_WEI,
                "status": "已婚",
                "spouse_name": "刘芳",
                "registered_date": "2014-10-01",
                "registry_office": "上海市嘉定区民政局婚姻登记处",
                "_licence": {"number": "J310114-2014-004521", "issue_date": "2014-10-01"},
            }
        ],
        LI_NA: [
            {
                "name": "李娜",
                "id_number": LI_NA,
                "status": "未婚",
                "spouse_name": "",
                "registered_date": "",
                "registry_office": "",
            }
        ],
    },
    "wjw.birth_certificate": {
        ZHANG_WEI: [
            {
                "child_name": "张小雨",
                "birth_date": "2020-05-18",
                "birth_place": "上海市嘉定区中心医院",
                "mother_name": "刘芳",
                "mother_id_number": LIU_FANG,
                "certificate_no": "Q310047521",
                "_licence": {"number": "Q310047521", "issue_date": "2020-05-20"},
            }
        ]
    },
}

# Identity register entries used by real-name verification (人口库 / 法人库).
PERSONS = {ZHANG_WEI: "张伟", LI_NA: "李娜", WANG_FANG: "王芳", LIU_FANG: "刘芳"}
ORGANISATIONS = {JIAHE: "上海嘉禾餐饮管理有限公司"}
# 法定代表人 on the market-regulation register: (name, 身份证号) per 统一社会信用代码.
LEGAL_REPRESENTATIVES = {JIAHE: ("王芳", WANG_FANG)}

# Licences a department has revoked (identifiers), for the status endpoint.
REVOKED_LICENCES: set[str] = set()


def evidence_department(evidence_type: str) -> str:
    return evidence_type.split(".", 1)[0]
