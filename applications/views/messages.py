"""站内消息 on 我的办件: every notice with read/unread, and the citizen's channels."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.constants import AccountKind
from accounts.permissions import login_required_kind
from applications.services import messages as inbox

CITIZENS = (AccountKind.CITIZEN, AccountKind.BUSINESS)


class ChannelsForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("电子邮件"), required=False)
    sms = forms.BooleanField(label=gettext_lazy("短信"), required=False)


@login_required_kind(*CITIZENS)
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox.notices_for_user(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    pref = inbox.preference_get(user=request.user)
    return render(
        request,
        "applications/messages.html",
        {
            "notices": list(page.object_list),
            "page": page,
            "unread": inbox.notices_unread_count(user=request.user),
            "form": ChannelsForm(initial={"email": pref.email, "sms": pref.sms}),
        },
    )


@require_POST
@login_required_kind(*CITIZENS)
def message_open(request: HttpRequest, pk: int) -> HttpResponse:
    notice = inbox.notice_open(user=request.user, pk=pk)
    if notice is None:
        raise Http404
    target = notice.url
    if notice.application_id:
        target = notice.application.get_absolute_url()
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/me/messages/"
    return redirect(target)


@require_POST
@login_required_kind(*CITIZENS)
def message_read_all(request: HttpRequest) -> HttpResponse:
    inbox.notices_mark_all_read(user=request.user)
    return redirect("applications:messages")


@require_POST
@login_required_kind(*CITIZENS)
def message_channels(request: HttpRequest) -> HttpResponse:
    form = ChannelsForm(request.POST)
    if form.is_valid():
        inbox.preference_save(
            user=request.user, email=form.cleaned_data["email"], sms=form.cleaned_data["sms"]
        )
        flash.success(request, _("通知方式已保存。站内消息始终保留。"))
    return redirect("applications:messages")
