"""单位授权管理: the company administrator invites, scopes and revokes 授权委托."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import selectors, services


class InviteForm(forms.Form):
    member = forms.TypedChoiceField(label=gettext_lazy("被授权人"), coerce=int)
    all_services = forms.BooleanField(label=gettext_lazy("全部事项"), required=False)
    service_codes = forms.CharField(
        label=gettext_lazy("授权事项（实施编码，以逗号或空格分隔）"), required=False
    )
    expires_at = forms.DateTimeField(
        label=gettext_lazy("有效期至"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            (m.pk, f"{m.display_name}（{m.username}）") for m in members
        ]

    def codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,，、]+", self.cleaned_data["service_codes"]) if c]


def _admin_or_403(request: HttpRequest) -> None:
    if not selectors.organisation_is_admin(user=request.user):
        raise PermissionDenied(_("仅单位管理员可以管理授权委托。"))


def _members(request: HttpRequest):
    return selectors.organisation_members(organisation_id=request.user.organisation_id).exclude(
        pk=request.user.pk
    )


@login_required
def organisation_home(request: HttpRequest) -> HttpResponse:
    """Who holds which authorisation, granted by whom, until when; and the invite form."""
    _admin_or_403(request)
    form = InviteForm(request.POST or None, members=_members(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.authorisation_invite(
                admin=request.user,
                member_id=form.cleaned_data["member"],
                all_services=form.cleaned_data["all_services"],
                service_codes=form.codes(),
                expires_at=form.cleaned_data["expires_at"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("已授权。"))
            return redirect("accounts:organisation")
    status = 400 if request.method == "POST" else 200
    organisation_id = request.user.organisation_id
    grants = list(selectors.organisation_authorisations(organisation_id=organisation_id))
    now = timezone.now()
    for grant in grants:  # an expired grant reads 已过期, not 有效, and has nothing to revoke
        grant.expired = bool(grant.expires_at and grant.expires_at <= now)
    return render(
        request,
        "accounts/organisation.html",
        {
            "form": form,
            "authorisations": grants,
            "members": _members(request),
        },
        status=status,
    )


@login_required
@require_POST
def authorisation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_or_403(request)
    services.authorisation_revoke(admin=request.user, pk=pk)
    messages.success(request, _("授权已撤销，立即生效。"))
    return redirect("accounts:organisation")
