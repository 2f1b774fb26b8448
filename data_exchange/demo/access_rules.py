"""The demo access rules: which fields of which evidence type each service may read.

For a catalogue service these are the fields of its approved sharing agreement (loader.rules_load
files them through services.agreement_approved_ensure); the internal uses (PROFILE, WALLET)
keep rules of their own.

Minimum necessary per service (最小必要); the wallet's rules come from the connectors' licence
types (loader._wallet_rules).
"""

from __future__ import annotations

from data_exchange.connectors import evidence_type_def
from data_exchange.constants import SERVICE_PROFILE, SERVICE_WALLET

# service code -> evidence type -> fields (minimum necessary for that service)
ACCESS_RULES: dict[str, dict[str, list[str]]] = {
    "RSJ-20-0001": {
        "gongan.household_register": [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "household_address",
        ],
        "rsj.social_insurance": [
            "name",
            "id_number",
            "insured_status",
            "insurance_types",
            "first_insured_date",
            "months_paid",
            "current_employer",
        ],
    },
    "RSJ-20-0002": {
        "gongan.household_register": [
            "name",
            "id_number",
            "gender",
            "ethnicity",
            "birth_date",
            "household_address",
        ],
    },
    "RSJ-05-0001": {
        "scjg.business_licence": [
            "uscc",
            "name",
            "legal_representative",
            "entity_type",
            "established_date",
            "address",
            "industry_code",
            "enterprise_size",
            "headcount",
        ],
    },
    "GONGAN-07-0001": {
        "gongan.household_register": ["name", "id_number", "household_address", "issuing_office"],
    },
    "SCJG-01-0002": {
        "scjg.business_licence": [
            "uscc",
            "name",
            "legal_representative",
            "address",
            "business_scope",
            "licences",
        ],
    },
    "BDC-07-0001": {
        "gongan.household_register": ["name", "id_number"],
        "bdc.property_certificate": [
            "certificate_no",
            "owner_name",
            "id_number",
            "location",
            "area_m2",
            "use",
            "registered_date",
        ],
    },
    "MZJ-07-0001": {
        "gongan.household_register": ["name", "id_number", "household_address"],
        "mzj.marriage_registration": [
            "name",
            "id_number",
            "status",
            "spouse_name",
            "registered_date",
            "registry_office",
        ],
    },
    SERVICE_PROFILE: {
        "scjg.business_licence": [
            key for key, _l in evidence_type_def("scjg.business_licence").fields
        ],
    },
}

DEMO_PURPOSE = "办理政务服务事项时核验申请人材料（演示共享协议）"

NOTES = {
    SERVICE_PROFILE: "惠企政策企业画像（免申即享）",
    SERVICE_WALLET: "电子证照归集（持证人本人）",
}
