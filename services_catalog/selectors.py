"""Reads of the service catalogue. Other apps use these, never the models' managers directly."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Department
from services_catalog.constants import Audience
from services_catalog.models import LifeEvent, Material, ServiceItem, ServiceTheme

CATALOG_VERSION_KEY = "services_catalog:version"


def catalog_version_path() -> Path:
    return Path(settings.VAR_DIR) / "services_catalog.version"


def catalog_version() -> int:
    """A number that changes whenever catalogue content changes.

    Cache keys of pages, PDFs and other apps' derived data include it, so a publish,
    unpublish or delete is visible on the next request. By default it lives in a small file
    under VAR_DIR (one read per request, shared by every process on the host); deployments
    with several hosts set SERVICES_CATALOG_VERSION_STORE=cache to keep it in the shared
    cache (Redis) instead.
    """
    if settings.SERVICES_CATALOG_VERSION_STORE == "cache":
        version = cache.get(CATALOG_VERSION_KEY)
        if version is None:
            version = int(time.time() * 1000)
            cache.add(CATALOG_VERSION_KEY, version, None)
            version = cache.get(CATALOG_VERSION_KEY, version)
        return version
    try:
        return int(catalog_version_path().read_bytes() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def services_live() -> QuerySet[ServiceItem]:
    """Services whose approved version is public."""
    return ServiceItem.objects.filter(live=True).select_related("department")


def service_get_live(*, code: str) -> ServiceItem | None:
    """The live service with this 实施编码, with its materials and relations prefetched, or None."""
    return (
        services_live()
        .select_related("result_sample")
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=Material.objects.select_related("blank_form", "sample_form").order_by(
                    "sort_order", "pk"
                ),
            ),
            "themes",
            "life_events",
            "joint_departments",
        )
        .filter(code=code)
        .first()
    )


def service_time_limits(*, service_id: int) -> tuple[int, int]:
    """(承诺时限, 法定时限) in working days, read without loading the whole guide."""
    return (
        ServiceItem.objects.filter(pk=service_id)
        .values_list("promised_limit_days", "legal_limit_days")
        .get()
    )


def service_materials(*, service: ServiceItem) -> list[Material]:
    return list(service.materials.all())


def services_by_codes(*, codes: Iterable[str]) -> dict[str, ServiceItem]:
    """Live services by 实施编码 (unknown or unpublished codes are simply absent)."""
    codes = list(codes)
    if not codes:
        return {}
    return {s.code: s for s in services_live().filter(code__in=codes)}


def services_publication_state(*, codes: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """(name, live) per known 实施编码, published or not: lets a caller tell an unknown code
    from an unpublished service (the policy channel refuses both as 申报入口)."""
    codes = list(codes)
    if not codes:
        return {}
    return {
        code: (name, live)
        for code, name, live in ServiceItem.objects.filter(code__in=codes).values_list(
            "code", "name", "live"
        )
    }


def services_by_power_codes(*, power_codes: Iterable[str]) -> QuerySet[ServiceItem]:
    """Live services that exercise the given power entries (权力清单 实施编码)."""
    return services_live().filter(power_code__in=list(power_codes)).order_by("code")


def audience_filter(audience: str | None) -> Q:
    """个人办事 / 法人办事: services for "both" appear under either."""
    if audience in (Audience.PERSON, Audience.BUSINESS):
        return Q(audience__in=[audience, Audience.BOTH])
    return Q()


def services_for_browse(
    *,
    audience: str | None = None,
    theme: ServiceTheme | None = None,
    department: Department | None = None,
    life_event: LifeEvent | None = None,
) -> QuerySet[ServiceItem]:
    """Live services for the public catalogue, filters combined (AND), ordered by code."""
    qs = services_live().filter(audience_filter(audience))
    if theme is not None:
        qs = qs.filter(themes=theme)
    if department is not None:
        qs = qs.filter(department=department)
    if life_event is not None:
        qs = qs.filter(life_events=life_event)
    return qs.order_by("code")


def service_themes(*, audience: str | None = None) -> QuerySet[ServiceTheme]:
    """服务主题 with the number of live services in each (audience "both" lists every theme)."""
    qs = ServiceTheme.objects.all()
    if audience in (Audience.PERSON, Audience.BUSINESS):
        qs = qs.filter(audience__in=[audience, Audience.BOTH])
    return qs.annotate(
        service_count=Count("serviceitem", filter=Q(serviceitem__live=True))
    ).order_by("audience", "sort_order", "name")


def life_events(*, audience: str | None = None) -> QuerySet[LifeEvent]:
    """一件事 with the number of live services bundled in each."""
    qs = LifeEvent.objects.all()
    if audience in (Audience.PERSON, Audience.BUSINESS):
        qs = qs.filter(audience__in=[audience, Audience.BOTH])
    return qs.annotate(service_count=Count("serviceitem", filter=Q(serviceitem__live=True)))


def departments_with_services(*, audience: str | None = None) -> QuerySet[Department]:
    """Departments that implement live services (for the audience), with their counts."""
    cond = Q(services__live=True)
    if audience in (Audience.PERSON, Audience.BUSINESS):
        cond &= Q(services__audience__in=[audience, Audience.BOTH])
    return (
        Department.objects.annotate(service_count=Count("services", filter=cond))
        .filter(service_count__gt=0)
        .order_by("name")
    )


@dataclass(frozen=True)
class BrowseFilters:
    """The validated filters of /services/ (None = not filtered)."""

    audience: str | None = None
    theme: ServiceTheme | None = None
    department: Department | None = None
    life_event: LifeEvent | None = None


def browse_filters_resolve(
    *, audience: str = "", theme: str = "", department: str = "", life_event: str = ""
) -> tuple[BrowseFilters, list[str]]:
    """Turn raw query values into filter objects; unknown values become Chinese error messages."""
    errors = []
    if audience and audience not in (Audience.PERSON, Audience.BUSINESS):
        errors.append(
            _("办事对象“%(value)s”无效，请选择个人办事或法人办事。") % {"value": audience}
        )
        audience = ""
    theme_obj = ServiceTheme.objects.filter(code=theme).first() if theme else None
    if theme and theme_obj is None:
        errors.append(_("没有找到服务主题“%(value)s”。") % {"value": theme})
    dept_obj = Department.objects.filter(code=department).first() if department else None
    if department and dept_obj is None:
        errors.append(_("没有找到部门“%(value)s”。") % {"value": department})
    event_obj = LifeEvent.objects.filter(code=life_event).first() if life_event else None
    if life_event and event_obj is None:
        errors.append(_("没有找到一件事“%(value)s”。") % {"value": life_event})
    return (
        BrowseFilters(
            audience=audience or None, theme=theme_obj, department=dept_obj, life_event=event_obj
        ),
        errors,
    )


def services_of_department(*, department_id: int | None) -> list[tuple[str, str]]:
    """(code, name) of a department's services, drafts included: what its 数据共享管理员 may
    file sharing requests for (registered as data_exchange's service directory)."""
    if department_id is None:
        return []
    return list(
        ServiceItem.objects.filter(department_id=department_id)
        .order_by("code")
        .values_list("code", "name")
    )
