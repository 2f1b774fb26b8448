"""Server-side access checks for staff workspaces.

Anonymous users are sent to the login page; signed-in users without the permission
get 403. Object-level (department) scoping is the job of each app's selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def permission_required(perm: str) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def login_required_kind(*kinds: str) -> Callable:
    """Restrict a view to signed-in users of the given account kinds (citizen/business)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if kinds and request.user.kind not in kinds:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
