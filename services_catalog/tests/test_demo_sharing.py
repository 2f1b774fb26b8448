"""The demo catalogue keeps its 免提交 promise (issue 11): every material it marks 免提交 is
backed by an approved sharing agreement, and can really be fetched from the department
simulator for the demo citizen or business who would apply for it. Before, 79 of the 89
免提交 materials had no access rule, e.g. 出生登记 (GONGAN-07-0002) promised 4 and none worked.
"""

from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from accounts.models import User
from data_exchange import demo as exchange_demo
from data_exchange import services as dx
from data_exchange.connectors import evidence_type_def
from data_exchange.constants import AgreementStatus, HolderKind
from data_exchange.models import AccessRule, SharingAgreement
from portal.services.setup import portal_setup
from services_catalog import demo
from services_catalog.constants import Audience
from services_catalog.models import Material

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    portal_setup()  # as load_demo_data does first
    accounts_demo.load()
    exchange_demo.keys_load()
    demo.load()
    return list(Material.objects.exclude(evidence_type="").select_related("service"))


def _covering(material) -> SharingAgreement | None:
    return SharingAgreement.objects.filter(
        service_code=material.service.code,
        evidence_type=material.evidence_type,
        status=AgreementStatus.APPROVED,
        access_rule__active=True,
    ).first()


def test_no_material_is_marked_exempt_without_an_approved_agreement(catalogue):
    without = [f"{m.service.code} {m.name}" for m in catalogue if _covering(m) is None]
    with_agreement = len(catalogue) - len(without)
    print(
        f"免提交 materials in the demo catalogue: {len(catalogue)}, with an approved agreement: "
        f"{with_agreement}, without: {len(without)}"
    )
    assert without == []
    assert with_agreement == len(catalogue) > 80
    # Each agreement names the two departments, the fields and the purpose.
    agreement = _covering(next(m for m in catalogue if m.service.code == "GONGAN-07-0002"))
    assert agreement.requesting_department.code == "gongan"
    assert agreement.holding_department is not None and agreement.fields and agreement.purpose
    # The service's access rule is the agreement's, with its fields.
    rule = AccessRule.objects.get(agreement=agreement)
    assert rule.active and rule.fields == agreement.fields


def _demo_person(material) -> User:
    """Who would apply: the business for an organisation's data or a business service, else 张伟."""
    definition = evidence_type_def(material.evidence_type)
    if definition.holder_kind == HolderKind.ORGANISATION:
        return User.objects.get(username="business")
    if material.service.audience == Audience.BUSINESS:
        return User.objects.get(username="business")
    return User.objects.get(username="citizen")


def test_every_exempt_material_can_be_fetched_for_its_demo_person(catalogue, simulator):
    failed = []
    pairs = {(m.service.code, m.evidence_type): m for m in catalogue}
    for (service_code, evidence_type), material in sorted(pairs.items()):
        person = _demo_person(material)
        try:
            result = dx.certified_record_fetch(
                actor=person,
                subject=person,
                evidence_type=evidence_type,
                purpose=f"办理{material.service.name}",
                service_code=service_code,
            )
        except (dx.EvidenceRefused, dx.EvidenceUnavailable) as exc:
            failed.append(f"{service_code} {evidence_type} ({person.username}): {exc}")
            continue
        if not result.get("values"):
            failed.append(f"{service_code} {evidence_type}: no values")
    print(
        f"fetched {len(pairs) - len(failed)} of {len(pairs)} service × evidence type pairs "
        f"covering {len(catalogue)} 免提交 materials"
    )
    assert failed == []
    birth = [m for m in catalogue if m.service.code == "GONGAN-07-0002"]
    assert len(birth) == 4
