"""What the home page shows besides its own content: popular services and the latest notices.

Popular services (热门服务) are counted from real use, the applications submitted in the last
`PORTAL_POPULAR_DAYS` days (`applications.selectors.services_most_applied`), and kept in the
cache for `PORTAL_POPULAR_CACHE_SECONDS`: one grouped query per period, whatever the traffic.
The latest notices come from `participation.selectors.notices_latest`, the one function the
portal calls on that app of its own floor (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from applications.selectors import services_most_applied
from participation.selectors import notices_latest
from services_catalog.constants import Audience
from services_catalog.selectors import catalog_version, services_live

POPULAR_LIMIT = 8
# The reading-mode cookie of 长者 mode (长者大字版), set by portal.views.toggle_large_text. The page
# cache keys on it too (config.pagecache.page_key), so each mode has its own cached home page.
ELDER_MODE_COOKIE = "ywtb_large_text"
NOTICES_LIMIT = 5


@dataclass(frozen=True)
class PopularService:
    code: str
    name: str
    department: str
    icon: str
    count: int


def popular_services(*, limit: int = POPULAR_LIMIT) -> list[PopularService]:
    """The live services most applied for lately, most first (cached; may be empty)."""
    days = settings.PORTAL_POPULAR_DAYS
    key = f"portal:popular:{catalog_version()}:{days}:{limit}"
    found = cache.get(key)
    if found is None:
        found = _popular_services_count(days=days, limit=limit)
        cache.set(key, found, settings.PORTAL_POPULAR_CACHE_SECONDS)
    return found


def _popular_services_count(*, days: int, limit: int) -> list[PopularService]:
    counts = services_most_applied(days=days, limit=limit * 2)
    services = services_live().in_bulk([service_id for service_id, _n in counts])
    popular = [
        PopularService(
            code=service.code,
            name=service.name,
            department=service.department.name,
            icon="business" if service.audience == Audience.BUSINESS else "person",
            count=count,
        )
        for service_id, count in counts
        if (service := services.get(service_id)) is not None
    ]
    return popular[:limit]


def elder_mode(request: HttpRequest) -> bool:
    """Whether the visitor chose 长者 mode (a server-side reading mode, kept in a cookie)."""
    return request.COOKIES.get(ELDER_MODE_COOKIE) == "1"


def home_context(request: HttpRequest) -> dict:
    notices = [
        {
            "title": notice.title,
            "url": notice.get_url(request),
            "kind": notice.get_kind_display(),
            "date": notice.published_on,
        }
        for notice in notices_latest(limit=NOTICES_LIMIT)
    ]
    return {
        "popular_services": popular_services(),
        "popular_days": settings.PORTAL_POPULAR_DAYS,
        "latest_notices": notices,
    }
