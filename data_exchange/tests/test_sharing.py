"""Sharing agreements (共享协议) from the stewards' side, over HTTP: the service's department
files a 共享申请, the holding department's 数据共享管理员 approves it with the fields allowed
or refuses it with a reason; another department's steward is refused; every decision is in
the work record; only an approved agreement lets the service fetch, and withdrawal stops it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from data_exchange.constants import AgreementStatus
from data_exchange.models import AccessRule, SharingAgreement
from data_exchange.services import access_rules_active
from services_catalog.tests.factories import ServiceItemFactory
from worklog.models import WorkRecord

pytestmark = pytest.mark.django_db

HOUSEHOLD = "gongan.household_register"


@pytest.fixture
def world():
    rsj = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    gongan = DepartmentFactory(code="gongan", name="市公安局")
    mzj = DepartmentFactory(code="mzj", name="市民政局")
    service = ServiceItemFactory(code="RSJ-20-0001", name="失业登记", department=rsj)

    def steward(department):
        return UserFactory(staff=True, department=department, roles=[Role.DATA_STEWARD])

    return {
        "service": service,
        "requester": steward(rsj),
        "holder": steward(gongan),
        "other": steward(mzj),
        "gongan": gongan,
    }


def _file(client, world, **overrides):
    client.force_login(world["requester"])
    data = {
        "service_code": "RSJ-20-0001",
        "evidence_type": HOUSEHOLD,
        "fields": [f"{HOUSEHOLD}:name", f"{HOUSEHOLD}:id_number", f"{HOUSEHOLD}:household_address"],
        "purpose": "办理失业登记时核验申请人身份和户籍地址",
        **overrides,
    }
    return client.post(reverse("data_exchange:agreement_list"), data)


def _decide(client, user, agreement, **data):
    client.force_login(user)
    return client.post(reverse("data_exchange:agreement_decide", args=[agreement.pk]), data)


def test_request_then_approval_with_fields_grants_access(client, world):
    response = _file(client, world)
    agreement = SharingAgreement.objects.get()
    assert response.status_code == 302
    assert agreement.status == AgreementStatus.PENDING
    assert agreement.holding_department == world["gongan"]
    assert agreement.requesting_department == world["service"].department
    assert access_rules_active(service_code="RSJ-20-0001", evidence_types=[HOUSEHOLD]) == {}

    # The holding steward sees it on the list and the detail page, with the fields asked for.
    client.force_login(world["holder"])
    listing = client.get(reverse("data_exchange:agreement_list")).content.decode()
    assert "待本部门审核的共享申请" in listing and "失业登记" in listing
    detail = client.get(reverse("data_exchange:agreement_detail", args=[agreement.pk]))
    assert "批准" in detail.content.decode() and "户籍地址" in detail.content.decode()

    response = _decide(
        client, world["holder"], agreement, action="approve", fields=["name", "id_number"]
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.APPROVED
    assert agreement.fields == ["name", "id_number"]  # fewer than asked: the holder decides
    assert agreement.decided_by == world["holder"] and agreement.decided_at
    rule = access_rules_active(service_code="RSJ-20-0001", evidence_types=[HOUSEHOLD])[HOUSEHOLD]
    assert rule.agreement == agreement and rule.fields == ["name", "id_number"]
    actions = list(WorkRecord.objects.order_by("id").values_list("action", flat=True))
    assert "data_exchange.agreement_request" in actions
    assert "data_exchange.agreement_approve" in actions


def test_refusal_without_reason_is_an_error_and_changes_nothing(client, world):
    _file(client, world)
    agreement = SharingAgreement.objects.get()
    response = _decide(client, world["holder"], agreement, action="refuse", reason="  ")
    assert response.status_code == 400
    assert "拒绝共享申请必须填写理由" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING
    assert not WorkRecord.objects.filter(action="data_exchange.agreement_refuse").exists()

    response = _decide(
        client, world["holder"], agreement, action="refuse", reason="户籍地址不属于最小必要"
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REFUSED
    assert agreement.decision_reason == "户籍地址不属于最小必要"
    record = WorkRecord.objects.get(action="data_exchange.agreement_refuse")
    assert record.reason == "户籍地址不属于最小必要"
    assert not AccessRule.objects.filter(service_code="RSJ-20-0001").exists()


def test_steward_of_another_department_is_refused(client, world):
    _file(client, world)
    agreement = SharingAgreement.objects.get()
    client.force_login(world["other"])
    assert (
        client.get(reverse("data_exchange:agreement_detail", args=[agreement.pk])).status_code
        == 404
    )
    response = _decide(client, world["other"], agreement, action="approve", fields=["name"])
    assert response.status_code == 404
    # The requesting department cannot approve its own request either.
    response = _decide(client, world["requester"], agreement, action="approve", fields=["name"])
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING
    assert not AccessRule.objects.exists()


def test_approving_fields_not_asked_for_is_refused(client, world):
    _file(client, world)
    agreement = SharingAgreement.objects.get()
    response = _decide(client, world["holder"], agreement, action="approve", fields=["ethnicity"])
    assert response.status_code == 400
    assert "不能选择这些字段" in response.content.decode()
    response = _decide(client, world["holder"], agreement, action="approve", fields=[])
    assert "请至少选择一个字段" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING


def test_bad_requests_are_refused_with_the_reason(client, world):
    response = _file(client, world, purpose="")
    assert response.status_code == 400 and "请填写数据用途" in response.content.decode()
    response = _file(client, world, fields=[])
    assert "请至少选择一个字段" in response.content.decode()
    other_service = ServiceItemFactory(code="MZJ-07-0001", department=DepartmentFactory(code="mzj"))
    response = _file(client, world, service_code=other_service.code)
    assert "只能为本部门的事项提出共享申请" in response.content.decode()
    assert not SharingAgreement.objects.exists()
    _file(client, world)
    response = _file(client, world)
    assert "已有待审核或已批准的同类共享协议" in response.content.decode()
    assert SharingAgreement.objects.count() == 1


def test_withdrawal_stops_access_and_is_recorded(client, world):
    _file(client, world)
    agreement = SharingAgreement.objects.get()
    _decide(client, world["holder"], agreement, action="approve", fields=["name"])
    response = _decide(client, world["holder"], agreement, action="withdraw", reason="")
    assert response.status_code == 400 and "撤回共享协议必须填写原因" in response.content.decode()
    response = _decide(client, world["requester"], agreement, action="withdraw", reason="事项调整")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.WITHDRAWN
    assert access_rules_active(service_code="RSJ-20-0001", evidence_types=[HOUSEHOLD]) == {}
    assert WorkRecord.objects.filter(action="data_exchange.agreement_withdraw").exists()


def test_a_rule_without_an_approved_agreement_grants_nothing(world):
    AccessRule.objects.create(service_code="RSJ-20-0001", evidence_type=HOUSEHOLD, fields=["name"])
    assert access_rules_active(service_code="RSJ-20-0001", evidence_types=[HOUSEHOLD]) == {}


@pytest.mark.parametrize("kind", ["anonymous", "citizen", "staff"])
def test_only_stewards_open_the_pages(client, kind):
    if kind == "citizen":
        client.force_login(UserFactory())
    elif kind == "staff":
        client.force_login(UserFactory(staff=True, roles=[Role.WINDOW_CLERK]))
    response = client.get(reverse("data_exchange:agreement_list"))
    assert response.status_code == (302 if kind == "anonymous" else 403)


def test_the_admin_cannot_add_a_service_rule_beside_the_agreements(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("wagtailsnippets_data_exchange_accessrule:add")
    data = {
        "service_code": "RSJ-20-0001",
        "evidence_type": HOUSEHOLD,
        "fields": '["name"]',
        "active": "on",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "事项的数据共享授权只能由已批准的数据共享协议产生" in response.content.decode()
    assert not AccessRule.objects.exists()
    response = client.post(url, data | {"service_code": "PROFILE"})
    assert response.status_code == 302
    assert AccessRule.objects.filter(service_code="PROFILE").exists()
