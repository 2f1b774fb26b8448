from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import DepartmentFactory
from portal.models import (
    NegativeListItem,
    NegativeMeasure,
    PowerEntry,
    PowerLegalBasis,
    PublicServiceEntry,
    ResponsibilityItem,
)


class PowerEntryFactory(DjangoModelFactory):
    """A power entry; live (published) by default, ``live=False`` for a never-approved draft."""

    class Meta:
        model = PowerEntry

    code = factory.Sequence(lambda n: f"11310000TEST{n:08d}01")
    basic_code = factory.Sequence(lambda n: f"01{n:08d}")
    name = factory.Sequence(lambda n: f"测试行政许可事项{n}")
    power_type = "01"
    department = factory.SubFactory(DepartmentFactory)
    handling_office = "审批处"
    legal_limit_days = 20
    promised_limit_days = 10
    supervise_phone = "021-12345"
    live = True

    class Params:
        draft = factory.Trait(live=False)


class PowerLegalBasisFactory(DjangoModelFactory):
    class Meta:
        model = PowerLegalBasis

    power = factory.SubFactory(PowerEntryFactory)
    law = "中华人民共和国行政许可法"
    article = "第十二条"


class ResponsibilityItemFactory(DjangoModelFactory):
    class Meta:
        model = ResponsibilityItem

    power = factory.SubFactory(PowerEntryFactory)
    stage = "受理"
    duty = "依法受理申请。"
    accountability = "对符合条件的申请不予受理的。"
    accountability_basis = "《中华人民共和国行政许可法》第七十二条"


class NegativeListItemFactory(DjangoModelFactory):
    class Meta:
        model = NegativeListItem

    category = "permit"
    item_no = factory.Sequence(lambda n: 100 + n)
    code = factory.Sequence(lambda n: f"29{n:04d}")
    name = factory.Sequence(lambda n: f"未获得许可，不得从事测试经营{n}")
    competent_authority = "测试主管部门"
    keywords = ""
    live = True

    class Params:
        draft = factory.Trait(live=False)


class NegativeMeasureFactory(DjangoModelFactory):
    class Meta:
        model = NegativeMeasure

    item = factory.SubFactory(NegativeListItemFactory)
    text = "测试经营许可"


class PublicServiceEntryFactory(DjangoModelFactory):
    class Meta:
        model = PublicServiceEntry

    service_code = factory.Sequence(lambda n: f"TEST-20-{n:04d}")
    name = factory.Sequence(lambda n: f"测试公共服务{n}")
    department = factory.SubFactory(DepartmentFactory)
    audience = "person"
    live = True

    class Params:
        draft = factory.Trait(live=False)


def power_entry_form_data(
    department, *, name="人力资源服务许可", code="11310000MB2F100048019001", action=None
):
    """The POST body of the Wagtail admin's power-entry form (one legal basis, one duty)."""
    data = {
        "name": name,
        "basic_code": "0100009001",
        "code": code,
        "power_type": "01",
        "department": str(department.pk),
        "implementer_nature": "1",
        "exercise_level": "3",
        "handling_office": "人力资源市场处",
        "legal_limit_days": "20",
        "promised_limit_days": "10",
        "fee_basis": "",
        "supervise_phone": "021-12333",
        "process_summary": "受理 → 审查 → 决定 → 送达",
        "legal_bases-TOTAL_FORMS": "1",
        "legal_bases-INITIAL_FORMS": "0",
        "legal_bases-MIN_NUM_FORMS": "0",
        "legal_bases-MAX_NUM_FORMS": "1000",
        "legal_bases-0-law": "中华人民共和国就业促进法",
        "legal_bases-0-article": "第四十条",
        "legal_bases-0-content": "",
        "legal_bases-0-ORDER": "1",
        "legal_bases-0-id": "",
        "legal_bases-0-DELETE": "",
        "responsibilities-TOTAL_FORMS": "1",
        "responsibilities-INITIAL_FORMS": "0",
        "responsibilities-MIN_NUM_FORMS": "0",
        "responsibilities-MAX_NUM_FORMS": "1000",
        "responsibilities-0-stage": "受理",
        "responsibilities-0-duty": "依法受理申请",
        "responsibilities-0-accountability": "对符合条件的申请不予受理的",
        "responsibilities-0-accountability_basis": "《中华人民共和国行政许可法》第七十二条",
        "responsibilities-0-ORDER": "1",
        "responsibilities-0-id": "",
        "responsibilities-0-DELETE": "",
    }
    if action:
        data[action] = "1"
    return data
