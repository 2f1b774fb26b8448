"""The demo catalogue: the contract codes other apps rely on exist with their properties."""

from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from portal.services import setup
from portal.services.setup import portal_setup
from services_catalog import demo
from services_catalog.constants import Audience, FieldType, JointMode, MaterialNecessity
from services_catalog.models import ServiceItem

pytestmark = pytest.mark.django_db

CONTRACT = {
    "RSJ-20-0001": ("失业登记", "rsj", Audience.PERSON),
    "RSJ-20-0002": ("社会保障卡申领", "rsj", Audience.PERSON),
    "RSJ-05-0001": ("稳岗返还", "rsj", Audience.BUSINESS),
    "RSJ-05-0002": ("一次性创业补贴申领", "rsj", Audience.BOTH),
    "RSJ-05-0003": ("社会保险费缓缴申请", "rsj", Audience.BUSINESS),
    "GONGAN-07-0001": ("居住证申领", "gongan", Audience.PERSON),
    "GONGAN-01-0001": ("机动车驾驶证换证", "gongan", Audience.PERSON),
    "SCJG-01-0001": ("个体工商户设立登记", "scjg", Audience.BOTH),
    "SCJG-01-0002": ("食品经营许可", "scjg", Audience.BUSINESS),
    "SCJG-01-0003": ("企业设立登记", "scjg", Audience.BUSINESS),
    "SCJG-05-0001": ("小微企业房租减免申请", "scjg", Audience.BUSINESS),
    "SWJ-05-0001": ("小微企业贷款贴息申请", "swj", Audience.BUSINESS),
    "SCJG-05-0002": ("防疫物资生产补贴申请", "scjg", Audience.BUSINESS),
    "WJW-07-0001": ("出生医学证明办理", "wjw", Audience.PERSON),
    "BDC-07-0001": ("不动产登记（转移登记）", "bdc", Audience.PERSON),
    "MZJ-07-0001": ("婚姻登记", "mzj", Audience.PERSON),
}


@pytest.fixture
def loaded():
    portal_setup()  # as load_demo_data does first
    accounts_demo.load()
    demo.load()


def test_contract_codes_exist_with_their_properties(loaded):
    for code, (name, dept, audience) in CONTRACT.items():
        service = ServiceItem.objects.get(code=code)
        assert service.live, code
        assert (service.name, service.department.code, service.audience) == (name, dept, audience)


def test_unemployment_registration_is_the_end_to_end_service(loaded):
    service = ServiceItem.objects.get(code="RSJ-20-0001")
    assert service.online and service.allows_tolerance
    assert (service.promised_limit_days, service.legal_limit_days) == (3, 15)
    materials = {m.name: m for m in service.materials.all()}
    assert materials["申请人居民身份证"].evidence_type == "gongan.household_register"
    assert materials["社会保险参保证明"].evidence_type == "rsj.social_insurance"
    assert materials["解除或终止劳动合同证明"].evidence_type == ""
    assert materials["解除或终止劳动合同证明"].necessity == MaterialNecessity.REQUIRED
    assert materials["近期免冠照片"].necessity == MaterialNecessity.TOLERABLE
    types = {f["type"] for f in service.form_fields}
    assert types <= set(FieldType.values)


def test_contract_evidence_and_reform_flags(loaded):
    def evidence(code):
        return {m.evidence_type for m in ServiceItem.objects.get(code=code).materials.all()}

    assert "gongan.household_register" in evidence("RSJ-20-0002")
    assert "gongan.household_register" in evidence("GONGAN-07-0001")
    assert "scjg.business_licence" in evidence("RSJ-05-0001")
    assert "scjg.business_licence" in evidence("SCJG-01-0002")
    assert "bdc.property_certificate" in evidence("BDC-07-0001")
    assert ServiceItem.objects.get(code="RSJ-05-0002").allows_commitment
    assert ServiceItem.objects.get(code="SCJG-01-0002").allows_commitment
    assert ServiceItem.objects.get(code="RSJ-05-0001").item_type == "05"
    for code in ("RSJ-20-0001", "RSJ-20-0002", "GONGAN-07-0001"):
        assert ServiceItem.objects.get(code=code).online


def test_catalogue_is_complete_and_both_audiences_covered(loaded):
    live = ServiceItem.objects.filter(live=True)
    assert live.count() >= 60
    assert live.filter(audience=Audience.PERSON).count() >= 20
    assert live.filter(audience=Audience.BUSINESS).count() >= 20
    assert live.exclude(joint_mode=JointMode.NONE).filter(joint_departments__isnull=False).exists()
    for service in live.prefetch_related("materials"):
        assert service.conditions and service.legal_basis and service.process_steps, service.code
        assert service.materials.all(), service.code
        assert service.faq, service.code
        assert service.promised_limit_days <= service.legal_limit_days, service.code
        if service.online:
            assert service.form_fields, service.code


def test_loader_is_idempotent(loaded):
    revisions = {s.code: s.latest_revision_id for s in ServiceItem.objects.all()}
    demo.load()
    assert {s.code: s.latest_revision_id for s in ServiceItem.objects.all()} == revisions


def test_workflow_is_assigned_to_service_items(loaded):
    service = ServiceItem.objects.get(code="RSJ-20-0001")
    workflow = service.get_workflow()
    assert workflow is not None and workflow.name == setup.CATALOGUE_WORKFLOW_NAME


def test_blank_forms_and_samples_are_downloadable(client, loaded):
    service = ServiceItem.objects.get(code="RSJ-20-0001")
    material = service.materials.get(code="termination_proof")
    assert material.blank_form and material.sample_form
    body = client.get("/services/RSJ-20-0001/").content.decode()
    assert material.blank_form.url in body and "空白表格" in body and "示例样表" in body
    response = client.get(material.sample_form.url)
    assert response.status_code == 200


def test_demo_translates_every_theme_life_event_and_ten_services_fully():
    """Issue 13: the demo's English covers all themes and life events, and the key fields
    (name, conditions, result, every material) of the ten most used services."""
    from services_catalog.demo.english import (
        LIFE_EVENTS_EN,
        MATERIALS_EN,
        SERVICES_EN,
        THEMES_EN,
    )
    from services_catalog.demo.services import SERVICES
    from services_catalog.demo.themes import LIFE_EVENTS, THEMES

    assert {code for code, *_ in THEMES} == set(THEMES_EN)
    assert {code for code, *_ in LIFE_EVENTS} == set(LIFE_EVENTS_EN)
    specs = {s["code"]: s for s in SERVICES}
    assert len(SERVICES_EN) == 10 and set(SERVICES_EN) <= set(specs)
    for code, english in SERVICES_EN.items():
        assert english["name"] and english["conditions"] and english["result_name"], code
        names = {**MATERIALS_EN, **english.get("materials", {})}
        missing = [m["name"] for m in specs[code].get("materials", []) if m["name"] not in names]
        assert not missing, (code, missing)
