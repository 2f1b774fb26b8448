"""Logins, failed logins, lockouts and 403 denials into the work record.

Connected in ONE place, `WorklogConfig.ready()` (worklog/apps.py), to Django's auth signals,
which allauth's login sends too. Denials come from `worklog.middleware.DenialRecordMiddleware`.
The attempted identifier of a failed login is never stored as typed (it may be a mistyped
password): a known account is the record's target; an unknown one leaves only a short digest,
so repeated attempts can be counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from worklog.models import WorkRecord
from worklog.services import record_action

LOGIN = "accounts.login"
LOGIN_FAILED = "accounts.login_failed"
LOCKOUT = "accounts.lockout"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "")[:45]


def staff_logged_in(sender, request, user, **kwargs) -> None:
    if not getattr(user, "is_portal_staff", False):
        return
    record_action(
        actor=user,
        action=LOGIN,
        label=_("登录"),
        target=user,
        extra={"ip": _client_ip(request)},
    )


def _identifier(credentials: dict) -> str:
    for key in ("username", "email", "login"):
        value = credentials.get(key)
        if value:
            return unicodedata.normalize("NFKC", str(value)).strip().lower()
    return ""


def identifier_digest(identifier: str) -> str:
    return hashlib.sha256(("worklog-login:" + identifier).encode()).hexdigest()[:16]


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    identifier = _identifier(credentials)
    if not identifier:
        return
    User = get_user_model()
    account = User.objects.filter(
        Q(username__iexact=identifier) | Q(email__iexact=identifier)
    ).first()
    digest = identifier_digest(identifier)
    record_action(
        actor=None,
        action=LOGIN_FAILED,
        label=_("登录失败"),
        target=account,
        target_type="" if account else "accounts.user",
        target_label="" if account else _("未知账户"),
        department=account.department_id if account else None,
        extra={"ip": _client_ip(request), "identifier": digest},
    )
    _lockout_if_limit_reached(account, digest, request)


def login_failed_limit() -> tuple[int, int] | None:
    """(attempts, seconds) of the per-account part of ACCOUNT_RATE_LIMITS["login_failed"],
    e.g. "20/15m/ip,5/15m/key" → (5, 900): the point at which allauth locks the account."""
    rule = getattr(settings, "ACCOUNT_RATE_LIMITS", {}).get("login_failed") or ""
    for part in rule.split(","):
        match = re.fullmatch(r"\s*(\d+)/(\d*)([smhd])/key\s*", part)
        if match:
            amount, count, unit = match.groups()
            return int(amount), int(count or 1) * _UNITS[unit]
    return None


def _lockout_if_limit_reached(account, digest: str, request) -> None:
    limit = login_failed_limit()
    if limit is None:
        return
    attempts, seconds = limit
    since = timezone.now() - dt.timedelta(seconds=seconds)
    recent = WorkRecord.objects.filter(action=LOGIN_FAILED, at__gte=since, extra__identifier=digest)
    if recent.count() != attempts:
        return  # below the limit, or already recorded when it was reached
    record_action(
        actor=None,
        action=LOCKOUT,
        label=_("账户锁定"),
        target=account,
        target_type="" if account else "accounts.user",
        target_label="" if account else _("未知账户"),
        department=account.department_id if account else None,
        reason=_("%(minutes)s 分钟内登录失败 %(attempts)s 次")
        % {"minutes": seconds // 60, "attempts": attempts},
        extra={"ip": _client_ip(request), "identifier": digest},
    )
