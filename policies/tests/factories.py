"""Factories and builders for the business channel's tests."""

from __future__ import annotations

import datetime as dt
import itertools

from wagtail.models import Page

from accounts.tests.factories import DepartmentFactory
from policies import services
from policies.models import BusinessChannelPage, PolicyCondition, PolicyPage

_slug = itertools.count(1)

CATERING = {
    "industry_code": "H6210",
    "enterprise_size": "小",
    "registration_district": "310114",
    "established_date": "2019-04-18",
    "headcount": 36,
    "tax_credit_rating": "A",
    "licences": ["食品经营许可证"],
}


def channel_page() -> BusinessChannelPage:
    existing = BusinessChannelPage.objects.first()
    if existing:
        return existing
    from django.conf import settings
    from wagtail.models import Locale

    from portal.models.pages import HomePage

    # A flush after a transactional test removes what migrations created, Locale included.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = (
        HomePage.objects.first()
        or Page.get_first_root_node()
        or Page.add_root(instance=Page(title="Root", slug="root"))
    )
    page = BusinessChannelPage(title="惠企政策", slug="business")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def policy_page(
    *,
    rule: list[tuple] = (),
    title: str | None = None,
    department=None,
    auto: bool = False,
    codes: str = "RSJ-05-0001",
    live: bool = True,
    **extra,
) -> PolicyPage:
    """A published policy; rule rows are (group, field, operator, value)."""
    n = next(_slug)
    page = PolicyPage(
        title=title or f"测试政策{n}",
        slug=f"policy-{n}",
        department=department or DepartmentFactory(),
        document_number=f"沪测规〔2026〕{n}号",
        effective_from=dt.date(2026, 1, 1),
        summary="测试政策要点",
        linked_service_codes=codes,
        benefit_without_application=auto,
        **extra,
    )
    page.conditions = [
        PolicyCondition(group=g, field=f, operator=o, value=v) for g, f, o, v in rule
    ]
    channel_page().add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


def business_profile(*, organisation, values: dict | None = None):
    return services.profile_record_certified(
        organisation=organisation,
        values=CATERING if values is None else values,
        department_name="市市场监督管理局",
        verified_at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
    )
