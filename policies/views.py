"""Views of the business channel (the pages themselves are Wagtail pages under /business/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_PUBLISH_LISTS, PERM_SUPERVISION
from accounts.permissions import login_required_kind, permission_required
from policies import selectors, services
from policies.constants import MatchStatus, NoticeStatus
from policies.forms import BusinessProfileForm, QuestionForm, SelfCheckForm
from policies.models import BenefitScanRun, BusinessChannelPage, PolicyPage
from policies.rules import split_values

business_only = login_required_kind("business")


def _channel_url() -> str:
    page = BusinessChannelPage.objects.live().first()
    return page.url if page else "/"


@business_only
def profile(request: HttpRequest) -> HttpResponse:
    """企业画像: certified values (已核验) and what the business declares (企业自报)."""
    if request.method == "POST" and request.POST.get("action") == "refresh":
        result = services.profile_refresh_certified(actor=request.user)
        if selectors.profile_fetch_failed(profile=result):
            messages.warning(request, _("暂时无法获取核验数据，您可以先自行填报，稍后再试。"))
        else:
            messages.success(request, _("已从市市场监督管理局获取核验数据。"))
        return redirect("policies:profile")
    current = selectors.profile_for_user(user=request.user)
    if request.method == "POST":
        form = BusinessProfileForm(request.POST)
        if form.is_valid():
            services.profile_declare(actor=request.user, values=form.cleaned_data)
            messages.success(request, _("企业自报信息已保存，政策匹配结果已更新。"))
            return redirect("policies:matches")
    else:
        initial = dict(current.declared_values) if current else {}
        if isinstance(initial.get("licences"), list):
            initial["licences"] = "、".join(initial["licences"])
        form = BusinessProfileForm(initial=initial)
    return render(
        request,
        "policies/profile.html",
        {
            "form": form,
            "profile": current,
            "rows": selectors.profile_rows(profile=current),
            "fetch_failed": selectors.profile_fetch_failed(profile=current),
            "organisation": request.user.organisation,
        },
    )


@business_only
def matches(request: HttpRequest) -> HttpResponse:
    """为您匹配的政策, with the reasons, the near misses and what data is missing."""
    current = selectors.profile_for_user(user=request.user)
    values = current.effective_values() if current else {}
    return render(
        request,
        "policies/matches.html",
        {
            "profile": current,
            "matches": selectors.matches_for_values(values=values),
            "notices": {n.policy_id: n for n in selectors.notices_for_user(user=request.user)},
            "channel_url": _channel_url(),
        },
    )


def self_check(request: HttpRequest) -> HttpResponse:
    """政策自测 for anyone: evaluate the same rules against what the visitor enters."""
    grouped = None
    form = SelfCheckForm(request.GET or None)
    if request.GET and form.is_valid():
        values = dict(form.cleaned_data)
        values["licences"] = split_values(values.get("licences") or "") or None
        grouped = selectors.matches_for_values(values=values)
    return render(
        request,
        "policies/self_check.html",
        {"form": form, "matches": grouped, "channel_url": _channel_url()},
    )


@business_only
def notices(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "policies/notices.html",
        {"notices": list(selectors.notices_for_user(user=request.user))},
    )


def _own_notice(request: HttpRequest, notice_id):
    notice = selectors.notices_for_user(user=request.user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return notice


@business_only
@require_POST
def notice_confirm(request: HttpRequest, notice_id) -> HttpResponse:
    notice = _own_notice(request, notice_id)
    try:
        services.notice_confirm(actor=request.user, notice=notice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("policies:notices")
    messages.success(
        request,
        _("已确认享受“{title}”，办件已生成，可在“我的办件”查看进度。").format(
            title=notice.policy.title
        ),
    )
    return redirect("/me/applications/")


@business_only
@require_POST
def notice_decline(request: HttpRequest, notice_id) -> HttpResponse:
    notice = _own_notice(request, notice_id)
    try:
        services.notice_decline(actor=request.user, notice=notice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, _("已放弃享受该政策。"))
    return redirect("policies:notices")


@business_only
@require_POST
def question_ask(request: HttpRequest, policy_id: int) -> HttpResponse:
    policy = get_object_or_404(PolicyPage.objects.live().public(), pk=policy_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            asked = services.question_ask(
                actor=request.user, policy=policy, question=form.cleaned_data["question"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "问题已提交，并转为咨询诉求（编号 {number}），由{department}答复。"
                    "可在“我的诉求”中跟踪办理进度和答复。"
                ).format(number=asked.appeal_number, department=policy.department.name),
            )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(policy.url + "#consult")


@business_only
def my_questions(request: HttpRequest) -> HttpResponse:
    items = list(selectors.questions_for_user(user=request.user))
    for q in items:
        q.age_days = selectors.question_age_working_days(question=q)
    return render(request, "policies/my_questions.html", {"questions": items})


@permission_required(PERM_SUPERVISION)
def questions_overdue(request: HttpRequest) -> HttpResponse:
    """超期未答复的政策咨询 (3 working days), for the supervisor."""
    items = list(selectors.questions_overdue())
    for q in items:
        q.age_days = selectors.question_age_working_days(question=q)
    return render(request, "policies/questions_overdue.html", {"questions": items})


@permission_required(PERM_PUBLISH_LISTS)
def scans(request: HttpRequest) -> HttpResponse:
    """免申即享筛查: start a scan and watch its progress."""
    if request.method == "POST":
        if not request.user.is_superuser and not request.user.has_perm(PERM_PUBLISH_LISTS):
            raise PermissionDenied
        with transaction.atomic():
            run = services.benefit_scan_start(actor=request.user)
        messages.success(request, _("已开始筛查（共 {n} 家企业）。").format(n=run.total))
        return redirect("policies:scans")
    runs = list(BenefitScanRun.objects.all()[:20])
    return render(
        request,
        "policies/scans.html",
        {"runs": runs, "running": any(r.status == "running" for r in runs)},
    )


__all__ = ["MatchStatus", "NoticeStatus"]
