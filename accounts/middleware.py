"""Staff must enrol TOTP before using the portal when STAFF_MFA_REQUIRED is on."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.STAFF_MFA_REQUIRED and self._needs_enrolment(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_enrolment(request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_portal_staff:
            return False
        if request.path.startswith(_EXEMPT_PREFIXES):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
