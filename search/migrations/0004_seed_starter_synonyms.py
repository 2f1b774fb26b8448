"""Seed the starter set of synonyms so that a real installation has them, not only the demo.

Existing rows (a publisher's edits) are left as they are; only missing terms are added.
"""

from django.db import migrations

# A frozen copy of search/starter_synonyms.py at the time of this migration: later edits to
# the module must not change what an old migration does.
STARTER = [
    ("社保", "社会保险 社会保险费", True),
    ("医保", "医疗保险 基本医疗保险", True),
    ("公积金", "住房公积金", True),
    ("身份证", "居民身份证", True),
    ("yyzz", "营业执照", True),
    ("sfz", "居民身份证", True),
    ("低保", "最低生活保障", True),
    ("失业金", "失业保险金", True),
    ("失业保险", "失业保险金", True),
    ("驾照", "机动车驾驶证", True),
    ("驾驶证", "机动车驾驶证", True),
    ("户口", "户籍", True),
    ("落户", "户口迁移 出生登记", True),
    ("房产证", "不动产权证书", True),
    ("出生证", "出生医学证明", True),
    ("准生证", "生育服务登记", True),
    ("残疾证", "残疾人证", True),
    ("个税", "个人所得税", True),
    ("网约车", "网络预约出租汽车", True),
    ("公租房", "公共租赁住房", True),
    ("廉租房", "公共租赁住房", True),
    ("护照", "普通护照", True),
    ("无犯罪证明", "无犯罪记录证明", True),
    ("社保卡", "社会保障卡", True),
    ("工伤", "工伤认定", True),
    ("发票", "发票领用", True),
    ("教师证", "教师资格", True),
    ("卫生许可证", "公共场所卫生许可", True),
    ("施工许可证", "建筑工程施工许可", True),
    ("开店", "个体工商户设立登记 企业设立登记 营业执照", False),
    ("开饭店", "食品经营许可 个体工商户设立登记 企业设立登记", False),
    ("开餐馆", "食品经营许可 个体工商户设立登记 企业设立登记", False),
    ("开餐厅", "食品经营许可 个体工商户设立登记 企业设立登记", False),
    ("开小吃店", "食品经营许可 食品小作坊登记 个体工商户设立登记", False),
    ("开超市", "食品经营许可 个体工商户设立登记 企业设立登记", False),
    ("开药店", "药品零售企业经营许可", False),
    ("开公司", "企业设立登记 企业名称自主申报 企业开办一件事 开办企业", False),
    ("注册公司", "企业设立登记 企业名称自主申报 企业开办一件事 开办企业", False),
    ("营业执照", "个体工商户设立登记 企业设立登记", False),
    ("办执照", "营业执照 个体工商户设立登记 企业设立登记", False),
    ("个体户", "个体工商户设立登记", False),
    ("丢了工作", "失业登记 失业保险金申领", False),
    ("失业了", "失业登记 失业保险金申领", False),
    ("生孩子", "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办", False),
    ("生小孩", "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办", False),
    ("宝宝出生", "出生医学证明办理 出生登记（新生儿落户） 新生儿出生一件事联办", False),
    ("过户", "不动产登记（转移登记）", False),
    ("买房", "不动产登记（转移登记） 不动产抵押登记", False),
    ("结婚", "婚姻登记", False),
    ("离婚", "婚姻登记", False),
    ("上学", "义务教育阶段入学登记", False),
    ("入学", "义务教育阶段入学登记", False),
    ("居住证明", "居住证申领", False),
    ("房租补贴", "小微企业房租减免申请", False),
    ("贷款贴息", "小微企业贷款贴息申请", False),
    ("创业补贴", "一次性创业补贴申领", False),
    ("稳岗补贴", "稳岗返还", True),
    ("社保缓缴", "社会保险费缓缴申请", False),
    ("网吧", "互联网上网服务营业场所", False),
    ("刻章", "公章刻制备案", False),
    ("退休", "个人社会保险权益记录查询打印 高龄老人津贴申领", False),
    ("租房", "房屋租赁合同登记备案 公共租赁住房申请", False),
]


def seed(apps, schema_editor):
    synonym = apps.get_model("portal_search", "Synonym")
    existing = set(synonym.objects.values_list("term", flat=True))
    synonym.objects.bulk_create(
        [
            synonym(term=term, expansions=expansions, equivalent=equivalent, enabled=True)
            for term, expansions, equivalent in STARTER
            if term not in existing
        ]
    )
    state = apps.get_model("portal_search", "SearchIndexState")
    row, _ = state.objects.get_or_create(pk=1)
    state.objects.filter(pk=1).update(version=row.version + 1)  # drop cached results


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_synonym_equivalent")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
