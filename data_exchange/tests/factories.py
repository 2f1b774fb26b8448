"""One factory per data_exchange model, and users matching the simulator's records (the demo
citizens and business)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts import crypto
from accounts import services as account_services
from accounts.tests.factories import UserFactory
from data_exchange.constants import INTERNAL_USES, EvidenceStatus
from data_exchange.models import AccessRule, EvidenceItem, SharingAgreement
from data_exchange.services import agreement_approved_ensure
from data_exchange.simulator import records

PASSWORD = "pw-123456789"


class AccessRuleFactory(DjangoModelFactory):
    """A service may request an evidence type, and only these fields: for a catalogue service
    through an approved sharing agreement, the only way a service's rule comes about."""

    class Meta:
        model = AccessRule

    service_code = "GONGAN-01-0001"
    evidence_type = "gongan.household_register"
    fields = factory.LazyFunction(lambda: ["name"])
    active = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs["service_code"] in INTERNAL_USES:
            rule, _created = model_class.objects.update_or_create(
                service_code=kwargs.pop("service_code"),
                evidence_type=kwargs.pop("evidence_type"),
                defaults=kwargs,
            )
            return rule
        agreement = agreement_approved_ensure(
            service_code=kwargs["service_code"],
            evidence_type=kwargs["evidence_type"],
            fields=kwargs["fields"],
            purpose="测试用共享协议",
        )
        rule = model_class.objects.get(agreement=agreement)
        if not kwargs.get("active", True):
            rule.active = False
            rule.save(update_fields=["active"])
        return rule


class SharingAgreementFactory(DjangoModelFactory):
    """A 共享申请 waiting for the holding department (待审核)."""

    class Meta:
        model = SharingAgreement

    service_code = "RSJ-20-0001"
    service_name = "失业登记"
    evidence_type = "gongan.household_register"
    fields_requested = factory.LazyFunction(lambda: ["name", "id_number", "household_address"])
    purpose = "办理失业登记时核验申请人身份和户籍地址"


class EvidenceItemFactory(DjangoModelFactory):
    """One requested piece of evidence; `verified=True` for one the department answered."""

    class Meta:
        model = EvidenceItem

    reference = factory.Sequence(lambda n: f"application:test-{n}")
    evidence_type = "gongan.household_register"
    department_code = factory.LazyAttribute(lambda o: o.evidence_type.split(".", 1)[0])
    subject = factory.SubFactory(UserFactory)
    requested_by = factory.SelfAttribute("subject")
    holder_id = factory.LazyAttribute(lambda o: o.subject.id_number or "")
    holder_digest = factory.LazyAttribute(
        lambda o: crypto.blind_index(o.holder_id) if o.holder_id else ""
    )
    service_code = "RSJ-20-0001"
    purpose = "办理测试事项，核验申请材料"
    fields = factory.LazyFunction(lambda: ["name"])
    status = EvidenceStatus.PENDING

    class Params:
        verified = factory.Trait(status=EvidenceStatus.VERIFIED)


def _citizen(username: str, real_name: str, id_number: str):
    return account_services.citizen_create(
        username=username,
        email=f"{username}@example.cn",
        password=PASSWORD,
        real_name=real_name,
        id_number=id_number,
    )


def zhang_wei(username: str = "zw"):
    return _citizen(username, "张伟", records.ZHANG_WEI)


def li_na(username: str = "ln"):
    return _citizen(username, "李娜", records.LI_NA)


def wang_fang_business(username: str = "wf"):
    user = account_services.business_agent_create(
        username=username,
        email=f"{username}@example.cn",
        password=PASSWORD,
        real_name="王芳",
        id_number=records.WANG_FANG,
        organisation_name="上海嘉禾餐饮管理有限公司",
        uscc=records.JIAHE,
    )
    account_services.organisation_admin_grant(user=user)
    return user
