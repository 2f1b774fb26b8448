"""Small helpers shared by supervision's views: login, scope parameters, error text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse


def staff_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; the view checks roles and scope itself."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def int_param(params, name: str) -> int | None:
    """A positive integer id from the query string, or None (ignored when malformed)."""
    text = unicodedata.normalize("NFKC", params.get(name, "") or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)
