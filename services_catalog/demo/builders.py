"""Named builders for the demo service guides: a service, its materials and its form fields.

A guide is data: `build_service(code, name, department, audience, item_type, main_item, ...)`
with keyword arguments named like the ServiceItem fields they fill (`legal_basis`,
`promised_limit_days`, `life_events` …); `material(...)` takes the Material field names.
The loader (services_catalog.demo.loader) turns a spec into model values.
"""

from __future__ import annotations

from services_catalog.constants import FieldType, MaterialForm, MaterialNecessity, MaterialSource

# 服务对象 codes (GB/T 39046): 1 自然人; 2 企业法人, 6 个体工商户
PERSON_OBJECTS = ["1"]
BUSINESS_OBJECTS = ["2", "6"]


def build_service(
    code: str,
    name: str,
    department: str,
    audience: str,
    item_type: str,
    main_item: int,
    **guide,
) -> dict:
    """One service item; `main_item` is the 5-digit main-item number of the 基本编码."""
    return {
        "code": code,
        "name": name,
        "department": department,
        "audience": audience,
        "item_type": item_type,
        "basic_code": f"{item_type}{main_item:05d}000",
        **guide,
    }


def material(
    code: str,
    name: str,
    *,
    form: str = MaterialForm.BOTH,
    original_count: int = 1,
    copy_count: int = 0,
    necessity: str = MaterialNecessity.REQUIRED,
    source: str = MaterialSource.APPLICANT,
    issuer: str = "",
    evidence_type: str = "",
    note: str = "",
    acceptance_standard: str = "",
    fill_notes: str = "",
    legal_basis: str = "",
    commitment_allowed: bool = False,
    blank: bool = False,
) -> dict:
    """One 申请材料 row; `blank` gives it a 空白表格 and a 示例样表."""
    return {
        "code": code,
        "name": name,
        "form": form,
        "original_count": original_count,
        "copy_count": copy_count,
        "necessity": necessity,
        "source": source,
        "issuer": issuer,
        "evidence_type": evidence_type,
        "note": note,
        "acceptance_standard": acceptance_standard,
        "fill_notes": fill_notes,
        "legal_basis": legal_basis,
        "commitment_allowed": commitment_allowed,
        "blank": blank,
    }


def field(
    name: str, label: str, type: str = FieldType.TEXT, required: bool = True, **extra
) -> dict:
    """One field of the one form (一表申请)."""
    return {"name": name, "label": label, "type": str(type), "required": required, **extra}


def steps(*items: tuple[str, str]) -> list[dict]:
    """办理流程: (title, detail) pairs."""
    return [{"title": t, "detail": d} for t, d in items]


def online_steps(*, review: str, result: str, days: int) -> list[dict]:
    """The 办理流程 of an online service that declares no steps of its own."""
    return steps(
        (
            "网上申请",
            "登录一网通办，填写一张申请表，授权调取可共享的证照数据，上传其余材料并提交。",
        ),
        ("预审受理", "窗口人员在1个工作日内完成预审；材料不齐的，一次性告知需补正的全部内容。"),
        ("审核决定", review),
        ("办结送达", f"自受理之日起{days}个工作日内办结，{result}，可选择窗口领取或免费快递送达。"),
    )


def faq(*pairs: tuple[str, str]) -> list[dict]:
    """常见问题: (question, answer) pairs."""
    return [{"question": q, "answer": a} for q, a in pairs]


# Form fields shared by many guides
NAME_FIELD = field("applicant_name", "申请人姓名")
ID_NUMBER_FIELD = field("id_number", "公民身份号码", FieldType.ID_NUMBER)
PHONE_FIELD = field("phone", "联系电话", FieldType.PHONE)
ADDRESS_FIELD = field("address", "联系地址", FieldType.ADDRESS)
USCC_FIELD = field("uscc", "统一社会信用代码", FieldType.USCC)
ORGANISATION_FIELD = field("organisation_name", "单位名称")
CONTACT_FIELD = field("contact_name", "经办人姓名")


# Materials shared by many guides; most come from certified data (免提交).
def id_card(code: str = "id_card", name: str = "申请人居民身份证") -> dict:
    return material(
        code,
        name,
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="公安机关",
        evidence_type="gongan.household_register",
        acceptance_standard="证件在有效期内，姓名、公民身份号码与申请人一致",
        note="授权调取居民户籍信息后免提交，窗口办理时出示原件核验",
    )


def business_licence(code: str = "business_licence") -> dict:
    return material(
        code,
        "营业执照",
        original_count=0,
        copy_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="市场监督管理部门",
        evidence_type="scjg.business_licence",
        acceptance_standard="营业执照处于存续状态，统一社会信用代码与申请单位一致",
        note="授权调取营业执照信息后免提交",
    )


def agent_authorisation() -> dict:
    return material(
        "agent_authorisation",
        "法定代表人授权委托书及经办人身份证件",
        form=MaterialForm.PAPER,
        original_count=1,
        copy_count=1,
        acceptance_standard="委托书载明委托事项和权限，加盖单位公章并由法定代表人签字",
        fill_notes="经办人以电子营业执照或法人一证通登录办理的，无需提交委托书",
        blank=True,
    )


def social_insurance_record() -> dict:
    return material(
        "social_insurance",
        "社会保险参保证明",
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="人力资源和社会保障部门",
        evidence_type="rsj.social_insurance",
        note="授权调取社会保险参保信息后免提交",
        acceptance_standard="显示本人最近参保状态和缴费月数",
    )


def property_certificate() -> dict:
    return material(
        "property_certificate",
        "不动产权证书",
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="不动产登记机构",
        evidence_type="bdc.property_certificate",
        acceptance_standard="权利人、坐落与申请登记的不动产一致，且未被查封",
        note="授权调取不动产权信息后免提交；办理转移登记时原证书由登记机构收回",
    )


def marriage_record(name: str = "婚姻状况证明") -> dict:
    return material(
        "marriage_record",
        name,
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="婚姻登记机关",
        evidence_type="mzj.marriage_registration",
        note="授权调取婚姻登记信息后免提交",
    )


def birth_certificate() -> dict:
    return material(
        "birth_certificate",
        "出生医学证明",
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="助产医疗机构",
        evidence_type="wjw.birth_certificate",
        note="授权调取出生医学证明信息后免提交",
        acceptance_standard="新生儿姓名、出生日期与申报信息一致",
    )


def education_certificate() -> dict:
    return material(
        "education_certificate",
        "学历证书",
        original_count=1,
        source=MaterialSource.GOVERNMENT,
        issuer="高等学校或教育行政部门",
        evidence_type="jyj.education_certificate",
        note="授权调取学历信息后免提交",
    )
