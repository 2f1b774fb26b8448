from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts import selectors as account_selectors
from portal.home import elder_mode


def portal(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_NAV": settings.PORTAL_NAV,
        "staff_workspaces": account_selectors.user_workspaces(user=user) if user else [],
        "large_text": elder_mode(request),  # 长者 mode
    }
