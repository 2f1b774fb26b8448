from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import selectors


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """个人中心: who I am, how well my identity is verified, where I can go next."""
    return render(
        request,
        "accounts/profile.html",
        {
            "workspaces": selectors.user_workspaces(user=request.user),
            "org_admin": selectors.organisation_is_admin(user=request.user),
            "org_authorised": selectors.authorisations_live(user=request.user).exists(),
        },
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


def _to_the_one_login(request: HttpRequest, *, default_next: str) -> HttpResponse:
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    query = urlencode({"next": next_url or default_next})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


def admin_login_redirect(request: HttpRequest) -> HttpResponse:
    """/admin/login/ is not a second door: send GET and POST alike to the one login (allauth)."""
    return _to_the_one_login(request, default_next="/admin/")


def page_login_redirect(request: HttpRequest) -> HttpResponse:
    """Wagtail's private-page login (/_util/login/) is not a third door either."""
    return _to_the_one_login(request, default_next="/")
