"""Demo service guides of the 市场监督管理局 (scjg): 惠企补贴: one build_service(...) per 事项."""

from __future__ import annotations

from services_catalog.constants import (
    Audience,
    CaseType,
    FieldType,
    ItemType,
    MaterialForm,
    MaterialSource,
)
from services_catalog.demo.builders import (
    BUSINESS_OBJECTS,
    CONTACT_FIELD,
    ORGANISATION_FIELD,
    PHONE_FIELD,
    USCC_FIELD,
    build_service,
    business_licence,
    faq,
    field,
    material,
)

SERVICES: list[dict] = [
    build_service(
        "SCJG-05-0001",
        "小微企业房租减免申请",
        "scjg",
        Audience.BUSINESS,
        ItemType.PAYMENT,
        50031,
        legal_basis="《国务院办公厅关于进一步加大对中小企业纾困帮扶力度的通知》（国办发〔2021〕45号）",
        conditions="承租国有房屋从事生产经营活动的服务业小微企业和个体工商户；承租用途为经营性用房；未被列入经营异常名录或严重违法失信名单。",
        materials=[
            business_licence(),
            material(
                "lease_contract",
                "房屋租赁合同",
                original_count=0,
                copy_count=1,
                acceptance_standard="出租方为国有企业或行政事业单位",
            ),
        ],
        legal_limit_days=20,
        promised_limit_days=10,
        visits=0,
        case_type=CaseType.PROMISED,
        result_name="房租减免确认书",
        themes=["b-subsidy"],
        life_events=["enterprise-relief"],
        online=True,
        service_objects=BUSINESS_OBJECTS,
        review="市场监管部门核验企业规模和经营状态，推送出租方办理减免。",
        form_fields=[
            ORGANISATION_FIELD,
            USCC_FIELD,
            CONTACT_FIELD,
            PHONE_FIELD,
            field("lessor", "出租方名称"),
            field("monthly_rent", "月租金（元）", FieldType.NUMBER),
        ],
        faq=faq(
            (
                "转租的房屋能享受减免吗？",
                "转租、分租的，应确保减免政策惠及最终承租的小微企业和个体工商户。",
            )
        ),
    ),
    build_service(
        "SCJG-05-0002",
        "防疫物资生产补贴申请",
        "scjg",
        Audience.BUSINESS,
        ItemType.PAYMENT,
        50032,
        legal_basis="《财政部 国家发展改革委 工业和信息化部 人民银行 审计署关于支持金融强化服务做好新型冠状病毒感染肺炎疫情防控工作的通知》（财金〔2020〕5号）",
        conditions="本市登记注册、经营范围包含医用口罩、防护服、消毒用品等防疫物资生产的企业；补贴期间实际生产并按要求调配防疫物资。",
        materials=[
            business_licence(),
            material(
                "production_record",
                "防疫物资生产及调拨记录",
                form=MaterialForm.ELECTRONIC,
                original_count=1,
                acceptance_standard="加盖单位公章",
            ),
            material(
                "product_registration",
                "医疗器械注册证或产品备案凭证",
                original_count=0,
                copy_count=1,
                source=MaterialSource.GOVERNMENT,
                issuer="药品监督管理部门",
            ),
        ],
        legal_limit_days=30,
        promised_limit_days=15,
        visits=0,
        case_type=CaseType.PROMISED,
        result_name="生产补贴核定通知",
        themes=["b-subsidy"],
        life_events=["enterprise-relief"],
        online=True,
        service_objects=BUSINESS_OBJECTS,
        review="市场监管部门会同经信部门核对生产调拨量，按核定产量给予补贴。",
        form_fields=[
            ORGANISATION_FIELD,
            USCC_FIELD,
            CONTACT_FIELD,
            PHONE_FIELD,
            field("product", "生产物资品种"),
            field("output", "补贴期内产量（件）", FieldType.NUMBER),
        ],
        faq=faq(
            (
                "补贴按什么标准计算？",
                "按核定的新增产能和实际调拨数量分档补贴，具体标准以当期申报通知为准。",
            )
        ),
    ),
]
