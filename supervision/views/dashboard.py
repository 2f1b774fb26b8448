"""The supervision dashboard, the case lists every number drills down to, and one case's
"who is late and why" page with its 督办."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import departments_all
from applications import selectors as applications_selectors
from applications import selectors as cases
from supervision import forms, permissions, selectors, services
from supervision.appeals import appeals_panel
from supervision.charts import dashboard_charts
from supervision.constants import Metric, WarningLevel
from supervision.models import Chase
from supervision.periods import period_from_query
from supervision.views.common import error_text, int_param, staff_login_required


def _scope(request: HttpRequest) -> dict:
    """department/service/staff from the query; a department head defaults to (and is held
    to) their own department. Refusals are recorded (services.dashboard_open)."""
    user = request.user
    if not permissions.may_open_dashboard(user):
        services.access_denied_record(
            user=user, what=_("效能监督看板"), target_type="accounts.department", target_id="all"
        )
        raise PermissionDenied
    department_id = int_param(request.GET, "department")
    if department_id is None and not permissions.is_supervisor(user):
        department_id = user.department_id
    services.dashboard_open(user=user, department_id=department_id)
    return {
        "department_id": department_id,
        "service_id": int_param(request.GET, "service"),
        "staff_id": int_param(request.GET, "staff"),
    }


@staff_login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    period = period_from_query(request.GET)
    data = selectors.dashboard(period=period, **scope)
    department_id = scope["department_id"]
    appeals = appeals_panel(
        period=period,
        department_id=department_id,
        hot_period=request.GET.get("hot", "month"),
        region_code=request.GET.get("region", "*"),
    )
    red = selectors.explain(
        applications=selectors.warned_cases(
            level=WarningLevel.RED, department_id=department_id, limit=20
        )
    )
    due_soon = selectors.explain(
        applications=list(
            cases.cases_for_supervision(metric=Metric.DUE_SOON, department_id=department_id)[:20]
        )
    )
    return render(
        request,
        "supervision/dashboard.html",
        {
            **data,
            **scope,
            **appeals,
            "period": period,
            "red_cases": red,
            "due_soon_cases": due_soon,
            # Deadlines that reach a year whose holidays are not confirmed (待确认).
            "calendar_pending": applications_selectors.provisional_dues_summary(),
            "charts": {**dashboard_charts(data), "hotwords": appeals["hot_chart"]},
            "departments_all": departments_all().order_by("code")
            if permissions.is_supervisor(request.user)
            else [],
            "is_supervisor": permissions.is_supervisor(request.user),
            "scope_keep": [
                (name, scope[f"{name}_id"])
                for name in ("department", "service", "staff")
                if scope[f"{name}_id"]
            ],
        },
    )


@staff_login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases behind one number of the dashboard."""
    scope = _scope(request)
    metric = request.GET.get("metric", "")
    if metric not in Metric.values:
        metric = Metric.FINISHED
    period = period_from_query(request.GET)
    if metric in (Metric.RED, Metric.YELLOW):
        found = selectors.warned_cases(
            level=metric, department_id=scope["department_id"], limit=500
        )
        page = Paginator(found, 50).get_page(request.GET.get("page"))
    else:
        since, until = period.bounds()
        qs = cases.cases_for_supervision(metric=metric, since=since, until=until, **scope)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = selectors.explain(applications=list(page.object_list))
    return render(
        request,
        "supervision/case_list.html",
        {
            "rows": rows,
            "page": page,
            "metric": metric,
            "metric_label": Metric(metric).label,
            "period": period,
            "current_metric": metric
            in (Metric.OVERDUE, Metric.DUE_SOON, Metric.RED, Metric.YELLOW),
            "query": request.GET.urlencode(),
            **scope,
        },
    )


def _case_for(request: HttpRequest, pk: int):
    """The case, if this user may see it: supervisors, the department's head, or whoever a
    督办 or the case itself is with. Anyone else gets 404 (no hint that it exists)."""
    application = cases.case_get_for_supervision(pk=pk)
    if application is None:
        raise Http404
    user = request.user
    if permissions.may_see_department(user, application.department_id):
        return application
    if Chase.objects.filter(application=application, holder=user).exists():
        return application
    if cases.case_holders(applications=[application]).get(application.pk) == user:
        return application
    raise Http404


@staff_login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk)
    row = selectors.explain(applications=[application])[0]
    chases = selectors.chases_for_case(application=application)
    open_chase = next((c for c in chases if c.is_open), None)
    return render(
        request,
        "supervision/case_detail.html",
        {
            "row": row,
            "app": application,
            "chases": chases,
            "open_chase": open_chase,
            "may_chase": permissions.is_supervisor(request.user),
            "may_answer": open_chase is not None
            and services.chase_may_answer(user=request.user, chase=open_chase),
            "chase_form": forms.ChaseForm(),
            "answer_form": forms.AnswerForm(),
            "trail": selectors.work_trail(application=application),
        },
    )


@require_POST
@staff_login_required
def chase_issue(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk)
    form = forms.ChaseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("supervision:case_detail", pk=pk)
    try:
        services.chase_issue(
            application=application,
            actor=request.user,
            message=form.cleaned_data["message"],
            due_date=form.cleaned_data["due_date"],
        )
        messages.success(request, _("督办已发出，办件经办人和部门负责人将收到通知。"))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("supervision:case_detail", pk=pk)


@require_POST
@staff_login_required
def chase_answer(request: HttpRequest, pk: int) -> HttpResponse:
    chase = Chase.objects.select_related("application").filter(pk=pk).first()
    if chase is None or not (
        services.chase_may_answer(user=request.user, chase=chase)
        or permissions.may_see_department(request.user, chase.department_id)
    ):
        raise Http404
    try:
        services.chase_answer(
            chase=chase, actor=request.user, answer=request.POST.get("answer", "")
        )
        messages.success(request, _("已答复督办。"))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("supervision:case_detail", pk=chase.application_id)
