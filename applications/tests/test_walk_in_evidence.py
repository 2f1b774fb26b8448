"""窗口代办: the clerk records 使用 / 不使用 of 免提交 data for a walk-in applicant."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import DepartmentFactory, new_id_number
from applications.constants import MaterialMode
from applications.models import Application
from applications.tests.factories import ServiceFactory, clerk_for
from data_exchange.models import EvidenceItem, ExchangeLogEntry
from data_exchange.tests.factories import AccessRuleFactory, EvidenceItemFactory

pytestmark = pytest.mark.django_db

HOUSEHOLD = "gongan.household_register"


def _walk_in(client, clerk):
    service = ServiceFactory(
        materials=[
            {
                "code": "hukou",
                "name": "居民户口簿",
                "necessity": "required",
                "evidence_type": HOUSEHOLD,
            }
        ]
    )
    # 免提交 only behind an approved sharing agreement (data_exchange/services/sharing.py).
    AccessRuleFactory(service_code=service.code, evidence_type=HOUSEHOLD, fields=["name"])
    client.force_login(clerk)
    response = client.post(
        reverse("applications:counter_walk_in"),
        {
            "service_code": service.code,
            "real_name": "王五",
            "id_number": new_id_number(),
            "phone": "13800000000",
            "identity_checked": "on",
        },
    )
    application = Application.objects.get(agent_staff=clerk)
    assert response.url == reverse("applications:draft_step", args=[application.pk, 2])
    person = application.applicant
    # The clerk asked for the data at the window; the department answered (verified).
    EvidenceItemFactory(
        verified=True,
        reference=application.reference,
        evidence_type=HOUSEHOLD,
        subject=person,
        requested_by=clerk,
        service_code=application.service_code,
        fields=["name", "household_address"],
        values_encrypted='{"name": "王五", "household_address": "上海市某路1号"}',
    )
    return application


def _decide(client, application, **extra):
    return client.post(
        reverse("applications:draft_evidence", args=[application.pk]),
        {"evidence_type": HOUSEHOLD, "decision": "use", **extra},
        follow=True,
    )


def _state(application):
    item = EvidenceItem.objects.get(reference=application.reference)
    material = application.materials.get(code="hukou")
    return item.decision, material.mode


def test_clerk_records_use_after_the_applicant_confirms_in_person(client):
    clerk = clerk_for()
    application = _walk_in(client, clerk)
    page = client.get(reverse("applications:draft_step", args=[application.pk, 3]))
    assert "申请人已当面确认" in page.text
    before = _state(application)

    response = _decide(client, application)  # not confirmed: refused, nothing changed
    assert "申请人已当面确认" in response.text
    assert _state(application) == before
    assert not ExchangeLogEntry.objects.filter(event="decision").exists()

    _decide(client, application, confirmed_in_person="1")
    assert _state(application) == ("use", MaterialMode.EVIDENCE)
    entry = ExchangeLogEntry.objects.get(event="decision")
    assert entry.outcome == "use"
    assert entry.actor_id == clerk.pk
    assert entry.subject_user_id == application.applicant_id
    assert "on the subject's behalf" in entry.detail


@pytest.mark.parametrize("other_department", [False, True])
def test_other_clerks_cannot_decide_for_the_walk_in(client, other_department):
    clerk = clerk_for()
    application = _walk_in(client, clerk)
    before = _state(application)
    intruder = clerk_for(
        department=DepartmentFactory(code="bdc") if other_department else clerk.department
    )
    client.force_login(intruder)
    response = client.post(
        reverse("applications:draft_evidence", args=[application.pk]),
        {"evidence_type": HOUSEHOLD, "decision": "use", "confirmed_in_person": "1"},
    )
    assert response.status_code == 404
    assert _state(application) == before
    assert not ExchangeLogEntry.objects.filter(event="decision").exists()


def test_service_refuses_a_clerk_who_is_not_the_agent_staff(client):
    """The service-level check: a clerk who is not the case's agent staff is refused."""
    from django.core.exceptions import PermissionDenied

    from applications import services

    clerk = clerk_for()
    application = _walk_in(client, clerk)
    other = clerk_for(department=clerk.department)
    with pytest.raises(PermissionDenied):
        services.application_evidence_decide(
            application=application,
            actor=other,
            evidence_type=HOUSEHOLD,
            use=True,
            confirmed_in_person=True,
        )
    assert EvidenceItem.objects.get(reference=application.reference).decision == ""
