from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts import selectors as account_selectors
from portal.home import elder_mode

APPLICANT_PAGES_PREFIX = "/me/"


def portal(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    applicant_pages = user is None or account_selectors.user_has_applicant_pages(user=user)
    nav = settings.PORTAL_NAV
    if not applicant_pages:
        # A staff account would only meet a 403 behind 我的办件: its way in is 工作台.
        nav = [(label, url) for label, url in nav if not url.startswith(APPLICANT_PAGES_PREFIX)]
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_NAV": nav,
        "applicant_pages": applicant_pages,
        "staff_workspaces": account_selectors.user_workspaces(user=user) if user else [],
        "large_text": elder_mode(request),  # 长者 mode
    }
