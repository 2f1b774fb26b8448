"""The demo's sharing agreements: every material the demo guides mark 免提交 is backed by an
approved agreement of the guide's department with the department holding the data, filed
before the guide is published (publishing refuses 免提交 without one).

Fields: the minimum necessary per evidence type below, plus any field the guide's form is
named after (what the guide uses).
"""

from __future__ import annotations

from data_exchange import selectors as dx_selectors
from data_exchange import services as dx_services

# evidence type -> the fields a service of the demo needs at least (最小必要)
MINIMUM_FIELDS: dict[str, list[str]] = {
    "gongan.household_register": [
        "name",
        "id_number",
        "gender",
        "birth_date",
        "household_address",
    ],
    "scjg.business_licence": [
        "uscc",
        "name",
        "legal_representative",
        "entity_type",
        "established_date",
        "address",
    ],
    "rsj.social_insurance": [
        "name",
        "id_number",
        "insured_status",
        "insurance_types",
        "months_paid",
    ],
    "bdc.property_certificate": ["certificate_no", "owner_name", "id_number", "location", "use"],
    "jyj.education_certificate": ["name", "id_number", "school", "level", "certificate_no"],
    "mzj.marriage_registration": ["name", "id_number", "status", "spouse_name", "registered_date"],
    "wjw.birth_certificate": ["child_name", "birth_date", "mother_name", "certificate_no"],
}


def agreements_for_service(*, spec: dict, form_fields: list[dict], department) -> int:
    """Approved agreements for every evidence type the demo guide `spec` marks 免提交."""
    form_names = [f["name"] for f in form_fields or []]
    types = dict.fromkeys(m["evidence_type"] for m in spec["materials"] if m.get("evidence_type"))
    for evidence_type in types:
        used = dx_selectors.sharing_fields_used(
            evidence_type=evidence_type, form_field_names=form_names
        )
        dx_services.agreement_approved_ensure(
            service_code=spec["code"],
            service_name=spec["name"],
            evidence_type=evidence_type,
            fields=[*MINIMUM_FIELDS[evidence_type], *used],
            purpose=f"办理“{spec['name']}”时核验申请材料，申请人授权后免于提交",
            requesting_department=department,
        )
    return len(types)
