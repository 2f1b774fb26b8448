"""Factories for catalogue tests: published (live) services by default, drafts via a trait."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import DepartmentFactory
from services_catalog.constants import Audience, CaseType, ItemType
from services_catalog.models import LifeEvent, Material, ServiceItem, ServiceTheme


class ServiceThemeFactory(DjangoModelFactory):
    class Meta:
        model = ServiceTheme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"主题{n}")
    audience = Audience.PERSON


class LifeEventFactory(DjangoModelFactory):
    class Meta:
        model = LifeEvent
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"event-{n}")
    name = factory.Sequence(lambda n: f"一件事{n}")
    audience = Audience.PERSON


class ServiceItemFactory(DjangoModelFactory):
    class Meta:
        model = ServiceItem
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TEST-20-{n:04d}")
    basic_code = factory.Sequence(lambda n: f"20{n:05d}000")
    name = factory.Sequence(lambda n: f"测试事项{n}")
    item_type = ItemType.PUBLIC_SERVICE
    department = factory.SubFactory(DepartmentFactory)
    audience = Audience.PERSON
    conditions = "本市户籍居民。"
    legal_basis = "《居住证暂行条例》第九条"
    process_steps = factory.LazyFunction(lambda: [{"title": "网上申请", "detail": "提交申请"}])
    legal_limit_days = 20
    promised_limit_days = 5
    case_type = CaseType.PROMISED
    visits = 0
    location = "市民中心一楼"
    office_hours = "工作日 9:00-17:00"
    consult_phone = "021-12345"
    supervise_phone = "021-12345"
    faq = factory.LazyFunction(lambda: [{"question": "要跑几次？", "answer": "零跑动。"}])
    result_name = "受理回执"
    online = True
    live = True

    class Params:
        draft = factory.Trait(live=False, has_unpublished_changes=True)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def life_events(self, create, extracted, **kwargs):
        if create and extracted:
            self.life_events.set(extracted)
            self.save()


class MaterialFactory(DjangoModelFactory):
    class Meta:
        model = Material

    service = factory.SubFactory(ServiceItemFactory)
    code = factory.Sequence(lambda n: f"mat-{n}")
    name = factory.Sequence(lambda n: f"材料{n}")
