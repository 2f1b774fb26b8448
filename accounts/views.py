from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import selectors


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """个人中心: who I am, how well my identity is verified, where I can go next."""
    return render(
        request,
        "accounts/profile.html",
        {"workspaces": selectors.user_workspaces(user=request.user)},
    )


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """工作台: the staff landing page listing the workspaces this user's roles open."""

    if not request.user.is_portal_staff:
        raise PermissionDenied
    return render(
        request,
        "accounts/staff_home.html",
        {"workspaces": selectors.user_workspaces(user=request.user)},
    )
