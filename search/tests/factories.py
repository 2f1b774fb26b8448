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
