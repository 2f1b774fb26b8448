"""效能监督's side of the 差评台账: 审核整改 (通过 / 退回) and 审核申诉 (成立 / 不成立).

Moved here from applications; the rules stay in applications.services (ticket_confirm,
ticket_send_back, ticket_appeal_decide), which also check who may act."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_SUPERVISION
from accounts.permissions import permission_required
from applications import selectors as cases
from applications import services as case_services
from supervision.views.common import error_text

NOTE_MAX = 2000


def _ticket(request: HttpRequest, pk: int):
    ticket = cases.ticket_get_for_supervisor(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    return ticket


@permission_required(PERM_SUPERVISION)
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "supervision/ticket_detail.html",
        {
            "ticket": ticket,
            "evaluation": ticket.evaluation,
            "overdue": ticket.is_overdue(today),
            **cases.ticket_history(ticket=ticket),
        },
    )


def _decide(ticket, actor, action: str, note: str) -> str:
    if action == "confirm":
        case_services.ticket_confirm(ticket=ticket, actor=actor, note=note)
        return _("整改已审核通过。")
    if action == "send_back":
        case_services.ticket_send_back(ticket=ticket, actor=actor, reason=note)
        return _("已退回责任部门重新整改。")
    if action in ("uphold", "reject_appeal"):
        uphold = action == "uphold"
        case_services.ticket_appeal_decide(ticket=ticket, actor=actor, uphold=uphold, note=note)
        return (
            _("申诉成立，该评价不再计入统计。") if uphold else _("申诉不成立，已退回责任部门整改。")
        )
    raise ValidationError(_("未知的操作。"))


@require_POST
@permission_required(PERM_SUPERVISION)
def ticket_act(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    note = (request.POST.get("note", "") or "").strip()
    if len(note) > NOTE_MAX:
        messages.error(request, _("审核意见不能超过 %(n)s 个字。") % {"n": NOTE_MAX})
        return redirect("supervision:ticket", pk=pk)
    try:
        messages.success(
            request, _decide(ticket, request.user, request.POST.get("action", ""), note)
        )
    except (case_services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) or _("无权执行此操作。"))
    return redirect("supervision:ticket", pk=pk)
