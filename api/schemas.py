"""Response schemas of the open-data API (only public fields: no personal data at all)."""

from __future__ import annotations

from ninja import Field, Schema


class DepartmentOut(Schema):
    code: str
    name: str


class ErrorOut(Schema):
    detail: str
    code: str = ""


class ServiceOut(Schema):
    code: str
    basic_code: str
    name: str
    name_en: str = Field(
        "", description="English name written by the publisher; empty when only Chinese exists."
    )
    item_type: str
    item_type_name: str
    audience: str
    department: DepartmentOut
    online: bool
    legal_limit_days: int
    promised_limit_days: int
    visits: int
    url: str
    guide_pdf_url: str


class MaterialOut(Schema):
    code: str
    name: str
    name_en: str = ""
    form: str
    form_name: str
    original_count: int
    copy_count: int
    paper_size: str
    necessity: str
    necessity_name: str
    source: str
    source_name: str
    issuer: str
    note: str
    acceptance_standard: str
    legal_basis: str
    fill_notes: str
    exempt_by_data_sharing: bool
    evidence_type: str
    commitment_allowed: bool
    blank_form_url: str | None
    sample_form_url: str | None


class ServiceDetailOut(ServiceOut):
    version: int
    power_code: str
    legal_basis: str
    exercise_level: str
    handling_office: str
    joint_mode: str
    scope: str
    service_objects: list
    themes: list[str]
    themes_en: list[str] = Field(
        [], description="English names of the themes, in the order of themes; '' where none."
    )
    life_events: list[str]
    life_events_en: list[str] = Field(
        [], description="English names of the life events, in order; '' where none."
    )
    conditions: str
    process_steps: list
    special_procedures: str
    intermediary_services: str
    quantity_limit: str
    limit_note: str
    case_type: str
    case_type_name: str
    charges_fee: bool
    fee_basis: str
    handling_forms: list
    appointment: bool
    online_payment: bool
    express: bool
    location: str
    office_hours: str
    consult_phone: str
    supervise_phone: str
    faq: list
    result_name: str
    result_name_en: str = ""
    allows_tolerance: bool
    allows_commitment: bool
    materials: list[MaterialOut]


class LegalBasisOut(Schema):
    law: str
    article: str
    content: str


class ResponsibilityOut(Schema):
    stage: str
    duty: str
    accountability: str
    accountability_basis: str


class PowerOut(Schema):
    code: str
    basic_code: str
    name: str
    power_type: str
    power_type_name: str
    department: DepartmentOut
    exercise_level: str
    exercise_level_name: str
    url: str


class PowerDetailOut(PowerOut):
    implementer_nature: str
    implementer_uscc: str
    handling_office: str
    legal_limit_days: int | None
    promised_limit_days: int | None
    charges_fee: bool
    fee_basis: str
    supervise_phone: str
    process_summary: str
    legal_bases: list[LegalBasisOut]
    responsibilities: list[ResponsibilityOut]
    services: list[str]


class ResponsibilityItemOut(ResponsibilityOut):
    power_code: str
    power_name: str
    power_type: str
    department: DepartmentOut
    url: str


class ResponsibilityDetailOut(Schema):
    power_code: str
    power_name: str
    power_type: str
    power_type_name: str
    department: DepartmentOut
    items: list[ResponsibilityOut]
    url: str


class MeasureOut(Schema):
    text: str
    is_local: bool


class NegativeOut(Schema):
    code: str
    item_no: int
    category: str
    category_name: str
    name: str
    competent_authority: str
    department: DepartmentOut | None
    local_permit: str
    edition: str
    url: str


class NegativeDetailOut(NegativeOut):
    measures: list[MeasureOut]
    keywords: list[str]
    services: list[ServiceOut]


class NegativeLookupOut(Schema):
    query: str
    verdict: str
    verdict_name: str
    items: list[NegativeDetailOut]


class PublicServiceOut(Schema):
    service_code: str
    name: str
    department: DepartmentOut
    audience: str
    exercise_level: str
    url: str
    service_url: str | None


class PublicServiceDetailOut(PublicServiceOut):
    basis: str
    description: str
