"""The applicant's own cases: list, case page, 撤回 / 补正, and 好差评."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import AccountKind
from accounts.permissions import login_required_kind
from applications import commands, forms, selectors, services
from applications.constants import Status
from applications.views._common import (
    detail_context,
    error_text,
    run_command,
)


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.application_list_for_applicant(user=request.user), 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "applications/my_list.html",
        {"applications": list(page.object_list), "page": page, "Status": Status},
    )


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    if application.status == Status.DRAFT:
        return redirect("applications:draft_step", pk=pk, step=application.draft_step)
    return render(request, "applications/my_detail.html", detail_context(application, request.user))


@require_POST
@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """撤回 or 提交补正 (the action is in the URL)."""
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None or action not in commands.APPLICANT_COMMANDS:
        raise Http404
    run_command(
        request,
        commands.APPLICANT_COMMANDS,
        action=action,
        target=application,
        errors=(services.TransitionError,),
    )
    return redirect("applications:my_detail", pk=pk)


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    if application.status != Status.COMPLETED:
        messages.info(request, _("办结后才能评价，且每个办件只评价一次。"))
        return redirect("applications:my_detail", pk=pk)
    form = forms.EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subs = {k[4:]: v for k, v in form.cleaned_data.items() if k.startswith("sub_") and v}
        try:
            services.application_evaluate(
                application=application,
                actor=request.user,
                level=form.cleaned_data["level"],
                text=form.cleaned_data["text"],
                sub_scores=subs,
                channel=form.cleaned_data["channel"] or "pc",
            )
        except (services.TransitionError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("applications:my_detail", pk=pk)
    return render(request, "applications/evaluate.html", {"app": application, "form": form})
