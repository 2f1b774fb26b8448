"""The window (窗口受理): the queue, walk-ins, the case page and its decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_COUNTER
from accounts.identity import mask_name
from accounts.permissions import permission_required
from applications import commands, forms, selectors, services
from applications.constants import OPEN_INTAKE_STATES, MaterialCheck
from applications.deadlines import working_days_between
from applications.pagination import CappedPaginator
from applications.views._common import (
    detail_context,
    error_text,
    material_rows,
    run_command,
)
from services_catalog.selectors import service_get_live

# Longer than any run of holidays and weekends: a due date this far back is overdue for sure.
_SURELY_OVERDUE = 31


def _countdown(today, due) -> int | None:
    """Working days left (negative: overdue). A date long past is only "overdue" on the page,
    so it is not walked day by day (40 closed cases from 2025 were ~20,000 calendar steps)."""
    if due is None:
        return None
    if (today - due).days > _SURELY_OVERDUE:
        return -1
    return working_days_between(today, due)


@permission_required(PERM_COUNTER)
def counter_queue(request: HttpRequest) -> HttpResponse:
    """The window queue with its search (GET; a bad value is named and ignored, never a 500)."""
    filter_form = forms.QueueFilterForm(request.GET or None)
    filters = selectors.QueueFilter()
    if filter_form.is_bound and filter_form.is_valid():
        filters = selectors.QueueFilter(**filter_form.cleaned_data)
    number = request.GET.get("page")
    page = CappedPaginator(
        selectors.applications_for_clerk(clerk=request.user, filters=filters), 40, page=number
    ).get_page(number)
    queue = list(page.object_list)
    today = timezone.localdate()
    for app in queue:
        due = app.intake_due if app.status in OPEN_INTAKE_STATES else app.promised_due
        app.due_shown = due
        app.countdown = _countdown(today, due)
        app.masked_name = mask_name(app.applicant_name)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/counter_queue.html",
        {
            "queue": queue,
            "page": page,
            "filter_form": filter_form if filter_form.is_bound else forms.QueueFilterForm(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "query": query.urlencode(),
            "walk_in_form": forms.WalkInForm(),
        },
    )


@permission_required(PERM_COUNTER)
def counter_walk_in(request: HttpRequest) -> HttpResponse:
    form = forms.WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = service_get_live(code=form.cleaned_data["service_code"].strip())
        if service is None:
            form.add_error("service_code", _("没有该实施编码的已发布事项。"))
        else:
            try:
                application = services.walk_in_start(
                    clerk=request.user,
                    service=service,
                    real_name=form.cleaned_data["real_name"],
                    id_number=form.cleaned_data["id_number"],
                    phone=form.cleaned_data["phone"],
                    identity_checked=form.cleaned_data["identity_checked"],
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("已为申请人创建代办申请，请继续填写表单和材料。"))
                return redirect("applications:draft_step", pk=application.pk, step=2)
    return render(request, "applications/counter_walk_in.html", {"form": form})


@permission_required(PERM_COUNTER)
def counter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_clerk(clerk=request.user, pk=pk)
    if application is None:
        raise Http404
    rows, _p = material_rows(application, request.user)
    context = detail_context(application, request.user)
    context.update(
        rows=rows,
        reason_form=forms.ReasonForm(),
        is_intake=application.status in OPEN_INTAKE_STATES,
        tolerable=[r["item"] for r in rows if r["item"].necessity == "tolerable"],
        check_choices=MaterialCheck.choices,
        staff_view=True,
    )
    return render(request, "applications/counter_detail.html", context)


@require_POST
@permission_required(PERM_COUNTER)
def counter_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """受理, 不予受理, 一次性告知补正, 开始预审, or only the item-by-item checks."""
    application = selectors.application_get_for_clerk(clerk=request.user, pk=pk)
    if application is None:
        raise Http404
    run_command(
        request,
        commands.COUNTER_COMMANDS,
        action=request.POST.get("action", ""),
        target=application,
    )
    return redirect("applications:counter_detail", pk=pk)
