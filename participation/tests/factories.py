"""Factories and builders for participation's tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.constants import AccountKind, AssuranceLevel, Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from participation import roles
from participation.appeals.constants import AppealType
from participation.appeals.intake import AppealInput
from participation.appeals.models import AppealCategory, DispatchRule


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = AppealCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cat{n}")
    name = factory.Sequence(lambda n: f"分类{n}")
    deadline_working_days = 5


def setup_loop():
    """Two departments, a category dispatched by the catalogue to the first, and the staff."""
    roles.roles_sync()
    market = DepartmentFactory(code="scjg", name="市场监管局")
    housing = DepartmentFactory(code="zjw", name="住建委")
    category = CategoryFactory(code="market", name="市场监管")
    DispatchRule.objects.create(category=category, department=market, position=10)
    return {
        "market": market,
        "housing": housing,
        "category": category,
        "operator": operator(),
        "market_staff": handler(market),
        "housing_staff": handler(housing),
        "citizen": UserFactory(phone="13800138001"),
    }


def operator():
    user = UserFactory(staff=True, department=DepartmentFactory(code="zwfw", name="政务服务中心"))
    user.groups.add(roles.hotline_operator_group())
    return user


def handler(department):
    return UserFactory(staff=True, department=department, roles=[Role.DEPT_REVIEWER])


def citizen(*, level=AssuranceLevel.REGISTER_CHECKED):
    return UserFactory(kind=AccountKind.CITIZEN, assurance_level=level)


def appeal_input(**overrides) -> AppealInput:
    values = dict(
        appeal_type=AppealType.COMPLAINT,
        category_code="market",
        subject="超市销售过期食品",
        description="嘉定区某超市货架上的酸奶已过期三天仍在销售，希望尽快查处。",
        region_code="310114",
        address="城中路1号",
        reporter_name="张伟",
        reporter_phone="13800138001",
        reporter_email="zhang@example.cn",
    )
    values.update(overrides)
    return AppealInput(**values)


def home_page():
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from portal.models.pages import HomePage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = HomePage(title="首页", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
        )
    return home


def consultation_page(*, opens_delta_days: int = -5, closes_delta_days: int = 25, department=None):
    import datetime as dt

    from django.utils import timezone

    from participation.consultations.models import (
        ConsultationIndexPage,
        ConsultationPage,
        ConsultationSection,
    )

    home = home_page()
    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = ConsultationIndexPage(title="征求意见", slug="consultations")
        home.add_child(instance=index)
        index.save_revision().publish()
    now = timezone.now()
    n = ConsultationPage.objects.count() + 1
    page = ConsultationPage(
        title=f"测试办法（征求意见稿）{n}",
        slug=f"draft-{n}",
        department=department or DepartmentFactory(),
        summary="起草说明",
        opens_at=now + dt.timedelta(days=opens_delta_days),
        closes_at=now + dt.timedelta(days=closes_delta_days),
    )
    page.sections = [
        ConsultationSection(heading="第一条 目的", text="为了规范管理，制定本办法。"),
        ConsultationSection(heading="第二条 范围", text="本办法适用于本市。"),
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def publisher():
    roles.roles_sync()
    return UserFactory(staff=True, roles=[Role.LIST_PUBLISHER])


def web_form(**overrides) -> dict:
    """The fields of /appeals/new/ for an anonymous 咨询 the demo catalogue dispatches to the
    market regulator; override any field."""
    return {
        "appeal_type": "consult",
        "category": "market",
        "subject": "小区门口夜间施工噪音扰民",
        "description": "城中路1号附近夜间施工噪音扰民，已持续一周，希望尽快处理。",
        "region_code": "310114",
        "reporter_name": "王先生",
        "reporter_phone": "13912345678",
        **overrides,
    }
