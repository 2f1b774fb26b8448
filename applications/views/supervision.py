"""效能监督: the overview with the 好差评 statistics, and 审核 of 差评 tickets.

Kept together so that they can move into their own app as one piece."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.constants import PERM_SUPERVISION
from accounts.permissions import permission_required
from applications import commands, selectors
from applications.constants import (
    TicketStatus,
)
from applications.views._common import (
    rating_statistics_context,
    run_command,
    ticket_context,
)


@permission_required(PERM_SUPERVISION)
def supervision(request: HttpRequest) -> HttpResponse:
    context = selectors.supervision_overview()
    status = request.GET.get("status", "")
    context.update(
        rating_statistics_context(request),
        tickets=list(selectors.tickets_for_supervisor(user=request.user, status=status)[:100]),
        ticket_status=status,
        ticket_statuses=TicketStatus.choices,
        today=timezone.localdate(),
    )
    return render(request, "applications/supervision.html", context)


@permission_required(PERM_SUPERVISION)
def supervision_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_supervisor(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    return render(
        request,
        "applications/ticket_detail.html",
        ticket_context(request, ticket, side="supervisor"),
    )


@require_POST
@permission_required(PERM_SUPERVISION)
def supervision_ticket_act(request: HttpRequest, pk: int) -> HttpResponse:
    """审核整改 (通过 / 退回) and 审核申诉 (成立 / 不成立)."""
    ticket = selectors.ticket_get_for_supervisor(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    run_command(
        request,
        commands.SUPERVISOR_TICKET_COMMANDS,
        action=request.POST.get("action", ""),
        target=ticket,
    )
    return redirect("applications:supervision_ticket", pk=pk)
