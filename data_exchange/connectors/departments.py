"""The demo city's department connectors. Each declares the evidence types it provides."""

from __future__ import annotations

from data_exchange.connectors.base import (
    ORGANISATION,
    PERSON,
    DepartmentConnector,
    EvidenceTypeDef,
    register,
)


@register("public-security")
class PublicSecurityConnector(DepartmentConnector):
    department_code = "gongan"
    department_name = "市公安局"
    supports_identity_check = True
    provides = (
        EvidenceTypeDef(
            code="gongan.household_register",
            name="居民户籍信息",
            holder_kind=PERSON,
            fields=(
                ("name", "姓名"),
                ("id_number", "公民身份号码"),
                ("gender", "性别"),
                ("ethnicity", "民族"),
                ("birth_date", "出生日期"),
                ("household_address", "户籍地址"),
                ("issuing_office", "登记机关"),
            ),
        ),
    )


@register("market-regulation")
class MarketRegulationConnector(DepartmentConnector):
    department_code = "scjg"
    department_name = "市市场监督管理局"
    supports_identity_check = True
    provides = (
        EvidenceTypeDef(
            code="scjg.business_licence",
            name="营业执照",
            holder_kind=ORGANISATION,
            fields=(
                ("uscc", "统一社会信用代码"),
                ("name", "名称"),
                ("legal_representative", "法定代表人"),
                ("entity_type", "类型"),
                ("registered_capital", "注册资本"),
                ("established_date", "成立日期"),
                ("address", "住所"),
                ("business_scope", "经营范围"),
                ("industry_code", "行业代码"),
                ("registration_district", "登记地行政区划"),
                ("enterprise_size", "企业规模"),
                ("headcount", "从业人数"),
                ("tax_credit_rating", "纳税信用等级"),
                ("licences", "已取得许可"),
            ),
            list_fields=("licences",),
        ),
    )


@register("human-resources")
class HumanResourcesConnector(DepartmentConnector):
    department_code = "rsj"
    department_name = "市人力资源和社会保障局"
    provides = (
        EvidenceTypeDef(
            code="rsj.social_insurance",
            name="社会保险参保证明",
            holder_kind=PERSON,
            is_licence=False,
            fields=(
                ("name", "姓名"),
                ("id_number", "公民身份号码"),
                ("insured_status", "参保状态"),
                ("insurance_types", "参保险种"),
                ("first_insured_date", "首次参保日期"),
                ("months_paid", "累计缴费月数"),
                ("current_employer", "参保单位"),
            ),
            list_fields=("insurance_types",),
        ),
    )


@register("real-estate")
class RealEstateConnector(DepartmentConnector):
    department_code = "bdc"
    department_name = "市不动产登记中心"
    provides = (
        EvidenceTypeDef(
            code="bdc.property_certificate",
            name="不动产权证书",
            holder_kind=PERSON,
            fields=(
                ("certificate_no", "不动产权证号"),
                ("owner_name", "权利人"),
                ("id_number", "证件号码"),
                ("location", "坐落"),
                ("area_m2", "面积（平方米）"),
                ("use", "用途"),
                ("registered_date", "登记日期"),
            ),
        ),
    )


@register("education")
class EducationConnector(DepartmentConnector):
    department_code = "jyj"
    department_name = "市教育局"
    provides = (
        EvidenceTypeDef(
            code="jyj.education_certificate",
            name="学历证书",
            holder_kind=PERSON,
            fields=(
                ("name", "姓名"),
                ("id_number", "公民身份号码"),
                ("school", "学校"),
                ("major", "专业"),
                ("level", "层次"),
                ("graduation_date", "毕业日期"),
                ("certificate_no", "证书编号"),
            ),
        ),
    )


@register("civil-affairs")
class CivilAffairsConnector(DepartmentConnector):
    department_code = "mzj"
    department_name = "市民政局"
    provides = (
        EvidenceTypeDef(
            code="mzj.marriage_registration",
            name="婚姻登记信息",
            holder_kind=PERSON,
            fields=(
                ("name", "姓名"),
                ("id_number", "公民身份号码"),
                ("status", "婚姻状况"),
                ("spouse_name", "配偶姓名"),
                ("registered_date", "登记日期"),
                ("registry_office", "登记机关"),
            ),
        ),
    )


@register("health")
class HealthConnector(DepartmentConnector):
    department_code = "wjw"
    department_name = "市卫生健康委员会"
    provides = (
        EvidenceTypeDef(
            code="wjw.birth_certificate",
            name="出生医学证明",
            holder_kind=PERSON,
            fields=(
                ("child_name", "新生儿姓名"),
                ("birth_date", "出生日期"),
                ("birth_place", "出生地点"),
                ("mother_name", "母亲姓名"),
                ("mother_id_number", "母亲身份证号"),
                ("certificate_no", "出生医学证明编号"),
            ),
        ),
    )
