"""我的工作记实 and the records of others, open upward, downward and across as the rules in
supervision.permissions allow; every view of someone else's record is itself recorded."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from accounts.selectors import (
    department_heads,
    department_staff,
    staff_member_get,
    user_is_department_head,
)
from supervision import selectors, services
from supervision.periods import period_from_query
from supervision.views.common import staff_login_required


def _record_context(request: HttpRequest, subject: User) -> dict:
    period = period_from_query(request.GET)
    figures = selectors.with_rates(
        selectors.rollups_for(period=period, staff_id=subject.pk).aggregate(**selectors._sums())
    )
    own = subject.pk == request.user.pk
    context = {
        "subject": subject,
        "own": own,
        "period": period,
        "figures": figures,
        "records": selectors.work_records_of(user=subject),
        "chases": selectors.chases_involving(user=subject),
        "open_chases": selectors.open_chases_for(user=subject) if own else [],
        "warnings": selectors.warnings_for(user=subject) if own else [],
    }
    if own and subject.department_id:
        if user_is_department_head(user=subject):
            context["members"] = department_staff(department_id=subject.department_id).exclude(
                pk=subject.pk
            )
        context["heads"] = department_heads(department_id=subject.department_id).exclude(
            pk=subject.pk
        )
    return context


@staff_login_required
def my_record(request: HttpRequest) -> HttpResponse:
    if not request.user.is_portal_staff:
        services.access_denied_record(
            user=request.user,
            what="工作记实",
            target_type="accounts.user",
            target_id=str(request.user.pk),
        )
        raise PermissionDenied
    return render(request, "supervision/record.html", _record_context(request, request.user))


@staff_login_required
def staff_record(request: HttpRequest, pk: int) -> HttpResponse:
    subject = staff_member_get(pk=pk)
    if subject is None:
        raise Http404
    services.record_view_open(viewer=request.user, subject=subject)
    return render(request, "supervision/record.html", _record_context(request, subject))
