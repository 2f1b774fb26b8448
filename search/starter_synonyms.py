"""The starter set of 搜索同义词 that every installation gets (data migration 0003) and the demo reuses.

Two kinds: `EQUIVALENTS` are abbreviations or other names of the same thing (社保 = 社会保险):
their expansions are searched with the weight of the words typed. `RELATED` are colloquial
goals (开饭店) that expand to the catalogue's service names, ranked below a direct match.
Publishers edit, disable or add to them in the admin (搜索同义词).
"""

from __future__ import annotations

# term → expansions, same thing under another name.
EQUIVALENTS: dict[str, str] = {
    "社保": "社会保险 社会保险费",
    "医保": "医疗保险 基本医疗保险",
    "公积金": "住房公积金",
    "身份证": "居民身份证",
    "yyzz": "营业执照",
    "sfz": "居民身份证",
    "低保": "最低生活保障",
    "失业金": "失业保险金",
    "失业保险": "失业保险金",
    "驾照": "机动车驾驶证",
    "驾驶证": "机动车驾驶证",
    "户口": "户籍",
    "落户": "户口迁移 出生登记",
    "房产证": "不动产权证书",
    "出生证": "出生医学证明",
    "准生证": "生育服务登记",
    "残疾证": "残疾人证",
    "个税": "个人所得税",
    "网约车": "网络预约出租汽车",
    "公租房": "公共租赁住房",
    "廉租房": "公共租赁住房",
    "护照": "普通护照",
    "无犯罪证明": "无犯罪记录证明",
    "社保卡": "社会保障卡",
    "工伤": "工伤认定",
    "发票": "发票领用",
    "教师证": "教师资格",
    "卫生许可证": "公共场所卫生许可",
    "施工许可证": "建筑工程施工许可",
    "稳岗补贴": "稳岗返还",
}

# term → the catalogue's service names for what a citizen wants to do.
RELATED: dict[str, str] = {
    "开店": "个体工商户设立登记 企业设立登记 营业执照",
    "开饭店": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开餐馆": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开餐厅": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开小吃店": "食品经营许可 食品小作坊登记 个体工商户设立登记",
    "开超市": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开药店": "药品零售企业经营许可",
    "开公司": "企业设立登记 企业名称自主申报 企业开办一件事 开办企业",
    "注册公司": "企业设立登记 企业名称自主申报 企业开办一件事 开办企业",
    "营业执照": "个体工商户设立登记 企业设立登记",
    "办执照": "营业执照 个体工商户设立登记 企业设立登记",
    "个体户": "个体工商户设立登记",
    "丢了工作": "失业登记 失业保险金申领",
    "失业了": "失业登记 失业保险金申领",
    "生孩子": "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办",
    "生小孩": "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办",
    "宝宝出生": "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办",
    "过户": "不动产登记（转移登记）",
    "买房": "不动产登记（转移登记） 不动产抵押登记",
    "结婚": "婚姻登记",
    "离婚": "婚姻登记",
    "上学": "义务教育阶段入学登记",
    "入学": "义务教育阶段入学登记",
    "居住证明": "居住证申领",
    "房租补贴": "小微企业房租减免申请",
    "贷款贴息": "小微企业贷款贴息申请",
    "创业补贴": "一次性创业补贴申领",
    "社保缓缴": "社会保险费缓缴申请",
    "网吧": "互联网上网服务营业场所",
    "刻章": "公章刻制备案",
    "退休": "个人社会保险权益记录查询打印 高龄老人津贴申领",
    "租房": "房屋租赁合同登记备案 公共租赁住房申请",
}


def starter_synonyms() -> list[tuple[str, str, bool]]:
    """(term, expansions, equivalent) of the starter set."""
    return [(t, e, True) for t, e in EQUIVALENTS.items()] + [
        (t, e, False) for t, e in RELATED.items()
    ]
