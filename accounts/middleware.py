"""Guards on every staff session, whichever door the staff member came in by.

- With ``STAFF_MFA_REQUIRED``, a staff member must have enrolled TOTP *and* this session must
  have passed it: allauth records each authentication method in the session, and a session
  without an ``mfa`` record is sent through the second factor before any staff page. A device
  that exists is not enough (docs/accounts.md, "One guarded door").
- A staff session idle for longer than ``STAFF_IDLE_TIMEOUT_MINUTES`` is logged out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")
LAST_SEEN_KEY = "staff_last_seen"
# Write the last-seen time at most this often, so that a busy session is not saved per request.
_TOUCH_EVERY_SECONDS = 30


def session_passed_mfa(request: HttpRequest, user) -> bool:
    """True when this session, for this user, completed a second factor (login or re-auth)."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def start_idle_clock(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_in`` (connected in AccountsConfig.ready)."""
    if request is not None and hasattr(request, "session") and user.is_portal_staff:
        request.session[LAST_SEEN_KEY] = time.time()


class StaffSessionGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_portal_staff:
            response = self._guard(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request: HttpRequest, user) -> HttpResponse | None:
        now = time.time()
        idle_limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
        last_seen = request.session.get(LAST_SEEN_KEY)
        if idle_limit > 0 and last_seen is not None and now - last_seen > idle_limit:
            logout(request)
            messages.info(request, _("您已较长时间未操作，为保护数据安全已自动退出，请重新登录。"))
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        if last_seen is None or now - last_seen > _TOUCH_EVERY_SECONDS:
            request.session[LAST_SEEN_KEY] = now
        if not settings.STAFF_MFA_REQUIRED or request.path.startswith(_EXEMPT_PREFIXES):
            return None
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return redirect("mfa_activate_totp")
        if not session_passed_mfa(request, user):
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.path})}")
        return None
