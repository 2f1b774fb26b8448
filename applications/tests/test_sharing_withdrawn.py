"""A withdrawn sharing agreement turns the 免提交 material back into an upload: new
applications get an upload, and the drafts in progress are told (message centre, e-mail and
the materials step)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import services
from applications.constants import MaterialMode
from applications.models import Notice
from applications.tests.factories import ServiceFactory
from data_exchange.services import agreement_approved_ensure, agreement_withdraw

pytestmark = pytest.mark.django_db

HOUSEHOLD = "gongan.household_register"
MATERIAL = {
    "code": "hukou",
    "name": "居民户口簿",
    "necessity": "required",
    "evidence_type": HOUSEHOLD,
}


@pytest.fixture
def service():
    gongan = DepartmentFactory(code="gongan", name="市公安局")
    service = ServiceFactory(materials=[MATERIAL])
    agreement = agreement_approved_ensure(
        service_code=service.code,
        evidence_type=HOUSEHOLD,
        fields=["name"],
        purpose="核验户籍",
        requesting_department=service.department,
    )
    service.agreement = agreement
    service.steward = UserFactory(staff=True, department=gongan, roles=[Role.DATA_STEWARD])
    return service


def test_without_an_agreement_a_new_application_gets_an_upload():
    service = ServiceFactory(materials=[MATERIAL])  # the guide says 免提交, nobody agreed
    draft = services.application_start(applicant=UserFactory(), service=service)
    item = draft.materials.get()
    assert item.evidence_type == "" and item.mode == MaterialMode.NONE


def test_withdrawal_turns_drafts_into_uploads_and_tells_them(
    client, service, django_capture_on_commit_callbacks
):
    citizen = UserFactory()
    draft = services.application_start(applicant=citizen, service=service)
    assert draft.materials.get().mode == MaterialMode.EVIDENCE  # covered: 免提交

    with django_capture_on_commit_callbacks(execute=True):
        agreement_withdraw(actor=service.steward, agreement=service.agreement, reason="协议到期")

    item = draft.materials.get()
    assert item.evidence_type == "" and item.mode == MaterialMode.NONE
    notice = Notice.objects.get(user=citizen, application=draft, event="sharing_withdrawn")
    assert "居民户口簿" in notice.body and "上传" in notice.body
    assert any("居民户口簿" in m.body for m in mail.outbox)

    client.force_login(citizen)
    page = client.get(reverse("applications:draft_step", args=[draft.pk, 3])).content.decode()
    assert "数据共享协议已撤回" in page and 'name="file"' in page

    # A new application after the withdrawal: a plain upload from the start.
    other = services.application_start(applicant=UserFactory(), service=service)
    assert other.materials.get().evidence_type == ""
