"""好差评 statistics and the 差评整改台账 for 效能监督 (moved here from applications)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.constants import PERM_SUPERVISION
from accounts.permissions import permission_required
from applications import selectors as cases
from applications.constants import TicketStatus
from supervision.periods import period_from_query


@permission_required(PERM_SUPERVISION)
def ratings(request: HttpRequest) -> HttpResponse:
    period = period_from_query(request.GET)
    status = request.GET.get("status", "")
    return render(
        request,
        "supervision/ratings.html",
        {
            "period": period,
            "stats": cases.rating_statistics(start=period.start, end=period.end),
            "tickets": list(cases.tickets_for_supervisor(user=request.user, status=status)[:100]),
            "ticket_status": status,
            "ticket_statuses": TicketStatus.choices,
            "keep": [("status", status)] if status else [],
            "today": timezone.localdate(),
        },
    )
