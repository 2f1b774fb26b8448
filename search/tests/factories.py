"""Factories for the search tests: live services as the catalogue publishes them."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import DepartmentFactory
from search.models import Synonym
from services_catalog.constants import Audience, ItemType
from services_catalog.models import LifeEvent, Material, ServiceItem


class ServiceItemFactory(DjangoModelFactory):
    class Meta:
        model = ServiceItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST-01-{n:04d}")
    basic_code = factory.Sequence(lambda n: f"0100{n:03d}")
    name = factory.Sequence(lambda n: f"测试事项{n}")
    item_type = ItemType.LICENSING
    department = factory.SubFactory(DepartmentFactory, code="scjg", name="市市场监督管理局")
    audience = Audience.BOTH
    conditions = "申请人具有完全民事行为能力。"
    legal_limit_days = 20
    promised_limit_days = 5
    location = "市政务服务中心一楼综合窗口"
    office_hours = "工作日 9:00-17:00"
    consult_phone = "021-12345678"
    supervise_phone = "12345"
    live = True

    class Params:
        draft = factory.Trait(live=False)


class MaterialFactory(DjangoModelFactory):
    class Meta:
        model = Material

    service = factory.SubFactory(ServiceItemFactory)
    code = factory.Sequence(lambda n: f"m{n}")
    name = "居民身份证"


class LifeEventFactory(DjangoModelFactory):
    class Meta:
        model = LifeEvent
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"event{n}")
    name = "开饭店"
    audience = Audience.BUSINESS


class SynonymFactory(DjangoModelFactory):
    class Meta:
        model = Synonym
        django_get_or_create = ("term",)

    term = "开店"
    expansions = "个体工商户设立登记"


class PowerEntryFactory(DjangoModelFactory):
    class Meta:
        model = "portal.PowerEntry"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P-01-{n:05d}")
    basic_code = factory.Sequence(lambda n: f"01{n:05d}")
    name = factory.Sequence(lambda n: f"测试权力事项{n}")
    power_type = ItemType.LICENSING
    department = factory.SubFactory(DepartmentFactory, code="scjg", name="市市场监督管理局")
    live = True

    class Params:
        draft = factory.Trait(live=False)


class ResponsibilityItemFactory(DjangoModelFactory):
    class Meta:
        model = "portal.ResponsibilityItem"

    power = factory.SubFactory(PowerEntryFactory)
    stage = "受理"
    duty = "依法受理申请，材料不全的一次性告知需要补正的全部内容。"
    accountability = "对符合法定条件的申请不予受理的。"
    accountability_basis = "《中华人民共和国行政许可法》第七十二条"


class NegativeListItemFactory(DjangoModelFactory):
    class Meta:
        model = "portal.NegativeListItem"
        django_get_or_create = ("code",)

    category = "permit"
    item_no = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"2{n:05d}")
    name = "未获得许可，不得从事互联网上网服务营业场所经营"
    competent_authority = "文化和旅游部"
    keywords = "网吧 开网吧 上网服务"
    live = True


class PublicServiceEntryFactory(DjangoModelFactory):
    class Meta:
        model = "portal.PublicServiceEntry"
        django_get_or_create = ("service_code",)

    service_code = factory.Sequence(lambda n: f"PS-20-{n:04d}")
    name = factory.Sequence(lambda n: f"测试公共服务{n}")
    department = factory.SubFactory(DepartmentFactory, code="rsj", name="市人力资源和社会保障局")
    audience = Audience.PERSON
    description = "为参保人员提供社会保险权益记录查询服务。"
    live = True
