"""Department review (审查), revocation of issued documents (撤销), and the department's
side of 差评 handling (回访, 整改, 申诉)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_COUNTER, PERM_REVIEW, AccountKind
from accounts.permissions import login_required_kind, permission_required
from applications import commands, forms, selectors, services
from applications.constants import (
    REVOCABLE_DOCUMENTS,
    ReviewStepStatus,
)
from applications.deadlines import working_days_between
from applications.models import Application, Document
from applications.permissions import document_may_revoke, reviewer_step
from applications.views._common import (
    detail_context,
    error_text,
    material_rows,
    run_command,
    ticket_context,
)


@permission_required(PERM_REVIEW)
def review_queue(request: HttpRequest) -> HttpResponse:
    queue = list(selectors.applications_for_reviewer(reviewer=request.user)[:100])
    done = list(selectors.applications_decided_by_department(reviewer=request.user))
    today = timezone.localdate()
    for app in queue:
        app.countdown = working_days_between(today, app.promised_due) if app.promised_due else None
    return render(request, "applications/review_queue.html", {"queue": queue, "done": done})


@permission_required(PERM_REVIEW)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_reviewer(reviewer=request.user, pk=pk)
    if application is None:
        raise Http404
    context = detail_context(application, request.user)
    step = reviewer_step(user=request.user, application=application)
    rows, _p = material_rows(application, request.user)
    context.update(
        rows=rows,
        my_step=step,
        suspend_form=forms.SuspendForm(),
        reason_form=forms.ReasonForm(),
        step_active=step is not None and step.status == ReviewStepStatus.ACTIVE,
        revocable=_revocable_documents(request.user, application, context["documents"]),
        staff_view=True,
    )
    return render(request, "applications/review_detail.html", context)


def _revocable_documents(user, application: Application, documents: list) -> list:
    """The issued certificate / 准予许可决定书 this user may revoke (one permission check)."""
    candidates = [d for d in documents if d.doc_type in REVOCABLE_DOCUMENTS and not d.revoked]
    if not candidates:
        return []
    candidates[0].application = application
    return candidates if document_may_revoke(user=user, document=candidates[0]) else []


@require_POST
@permission_required(PERM_REVIEW)
def review_act(request: HttpRequest, pk: int) -> HttpResponse:
    """开始审查, 特别程序 (start / end), 准予, 不予许可."""
    application = selectors.application_get_for_reviewer(reviewer=request.user, pk=pk)
    if application is None:
        raise Http404
    run_command(
        request,
        commands.REVIEW_COMMANDS,
        action=request.POST.get("action", ""),
        target=application,
        errors=(services.TransitionError, ValidationError),
    )
    return redirect("applications:review_detail", pk=pk)


@require_POST
@login_required_kind(AccountKind.STAFF)
def document_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """撤销 a certificate / 准予许可决定书 from the review case page."""
    document = Document.objects.select_related("application").filter(pk=pk).first()
    if document is None or not document_may_revoke(user=request.user, document=document):
        raise Http404
    back = (
        redirect("applications:review_detail", pk=document.application_id)
        if selectors.application_get_for_reviewer(reviewer=request.user, pk=document.application_id)
        else redirect("applications:verify", code=document.verification_code)
    )
    form = forms.RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return back
    if form.cleaned_data["document"] != document.pk:
        messages.error(request, _("撤销的文书与页面不一致，请刷新后重试。"))
        return back
    try:
        services.document_revoke(
            document=document, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("文书已撤销，核验页将显示“已撤销”，并已通知申请人。"))
    except (services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) or _("无权执行此操作。"))
    return back


def _ticket_staff(view):
    """Staff who handle cases (reviewers or clerks); the department scope is in the selectors."""

    @login_required_kind(AccountKind.STAFF)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.has_perm(PERM_REVIEW) or request.user.has_perm(PERM_COUNTER)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_ticket_staff
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = list(selectors.tickets_for_department(user=request.user)[:200])
    return render(
        request,
        "applications/ticket_list.html",
        {"tickets": tickets, "today": timezone.localdate()},
    )


@_ticket_staff
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_department(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    return render(
        request,
        "applications/ticket_detail.html",
        ticket_context(request, ticket, side="department"),
    )


@require_POST
@_ticket_staff
def ticket_act(request: HttpRequest, pk: int) -> HttpResponse:
    """回访, 限期整改, 整改结果, 申诉."""
    ticket = selectors.ticket_get_for_department(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    run_command(
        request,
        commands.DEPARTMENT_TICKET_COMMANDS,
        action=request.POST.get("action", ""),
        target=ticket,
    )
    return redirect("applications:ticket_detail", pk=pk)
