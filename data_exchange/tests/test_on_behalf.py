"""evidence_decide_on_behalf: a window clerk records the walk-in applicant's choice."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from data_exchange import selectors, services
from data_exchange.exchange_log import log_verify
from data_exchange.models import EvidenceItem, ExchangeLogEntry
from data_exchange.tests.factories import li_na, zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

REF = "application:walk-in-1"
HOUSEHOLD = "gongan.household_register"


def _clerk(code: str = "zwfw"):
    return UserFactory(
        staff=True, roles=[Role.WINDOW_CLERK], department=DepartmentFactory(code=code)
    )


def _request_at_the_window(clerk, person, ref=REF):
    services.evidence_request(
        actor=clerk,
        subject=person,
        service_code="RSJ-20-0001",
        evidence_types=[HOUSEHOLD],
        purpose="办理失业登记（RSJ-20-0001），窗口代办",
        reference=ref,
    )


def _decide(clerk, person, use=True, ref=REF):
    services.evidence_decide_on_behalf(
        clerk=clerk, subject=person, reference=ref, evidence_type=HOUSEHOLD, use=use
    )


def test_the_requesting_clerk_decides_on_the_subjects_behalf(simulator, exchange_config):
    clerk, person = _clerk(), zhang_wei()
    _request_at_the_window(clerk, person)
    _decide(clerk, person)
    (preview,) = selectors.evidence_previews(user=person, reference=REF)
    assert preview.decision == "use"
    entry = ExchangeLogEntry.objects.get(event="decision")
    assert (entry.actor_id, entry.subject_user_id, entry.outcome) == (clerk.pk, person.pk, "use")
    assert entry.actor_department == clerk.department.name
    assert "on the subject's behalf" in entry.detail
    _decide(clerk, person, use=False)
    assert EvidenceItem.objects.get(reference=REF).decision == "not_use"
    assert log_verify().ok


def test_other_staff_citizens_and_wrong_subjects_are_refused(simulator, exchange_config):
    clerk, person = _clerk(), zhang_wei()
    _request_at_the_window(clerk, person)
    same_department_other_clerk = _clerk("zwfw")
    other_department_clerk = _clerk("bdc")
    citizen = li_na()
    attempts = [
        (same_department_other_clerk, person),  # did not ask for this evidence
        (other_department_clerk, person),
        (person, person),  # the subject has evidence_decide for that
        (citizen, person),  # a citizen
        (clerk, citizen),  # the item is not this person's
    ]
    for actor, subject in attempts:
        with pytest.raises(PermissionDenied):
            _decide(actor, subject)
    assert EvidenceItem.objects.get(reference=REF).decision == ""
    assert not ExchangeLogEntry.objects.filter(event="decision").exists()


def test_a_clerk_moved_to_another_department_is_refused(simulator, exchange_config):
    clerk, person = _clerk(), zhang_wei()
    _request_at_the_window(clerk, person)
    clerk.department = DepartmentFactory(code="bdc")
    clerk.save(update_fields=["department"])
    with pytest.raises(PermissionDenied):
        _decide(clerk, person)
    assert EvidenceItem.objects.get(reference=REF).decision == ""


def test_use_only_for_verified_evidence(simulator, exchange_config):
    clerk, person = _clerk(), zhang_wei()
    simulator.control("gongan", "tampered")
    _request_at_the_window(clerk, person)
    with pytest.raises(ValidationError):
        _decide(clerk, person)
    assert EvidenceItem.objects.get(reference=REF).decision == ""
    _decide(clerk, person, use=False)
    assert EvidenceItem.objects.get(reference=REF).decision == "not_use"


def test_one_window_departments_come_from_the_shared_setting(db, settings):
    """data_exchange and applications agree on which departments are one-stop windows."""
    settings.APPLICATIONS_ONE_WINDOW_DEPARTMENTS = ["zwfw", "jdzx"]
    district_window = _clerk("jdzx")
    other = _clerk("jyj")
    assert selectors.staff_handles_service(user=district_window, service_code="RSJ-20-0001")
    assert not selectors.staff_handles_service(user=other, service_code="RSJ-20-0001")
    settings.APPLICATIONS_ONE_WINDOW_DEPARTMENTS = ["zwfw"]
    assert not selectors.staff_handles_service(user=district_window, service_code="RSJ-20-0001")
