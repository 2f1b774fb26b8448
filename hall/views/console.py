"""The clerk's calling console and the hall statistics, in the staff workspace."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_COUNTER
from accounts.permissions import permission_required
from hall import clock, forms, selectors, services
from hall.constants import TicketStatus
from hall.errors import HallError
from hall.models import Hall, Ticket


def _groups_choices(window) -> list[tuple[int, str]]:
    return [(g.pk, str(g)) for g in window.hall.groups.exclude(pk=window.group_id)]


@permission_required(PERM_COUNTER)
def console(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    window = selectors.window_for_clerk(clerk=request.user, day=today)
    context: dict = {"window": window, "ratings": selectors.ratings_for_clerk(clerk=request.user)}
    if window is not None:
        current = (
            Ticket.objects.filter(
                window=window, status__in=[TicketStatus.CALLED, TicketStatus.SERVING]
            )
            .select_related("application", "appointment")
            .prefetch_related("services")
            .first()
        )
        waiting = list(
            Ticket.objects.filter(
                group=window.group, day=today, status=TicketStatus.WAITING
            ).order_by("-priority", "queued_at", "pk")[:12]
        )
        services_choices = [
            (s.code, s.display_name) for s in selectors.services_served(hall=window.hall)
        ]
        context.update(
            current=current,
            waiting=waiting,
            transfer_form=forms.TransferForm(choices=_groups_choices(window)),
            link_form=forms.CaseNumberForm(),
            walk_in_form=forms.WalkInForm(choices=services_choices),
            served_today=Ticket.objects.filter(
                window=window, day=today, status=TicketStatus.DONE
            ).count(),
        )
    return render(request, "hall/console.html", context)


def _ticket_for_action(request: HttpRequest, window) -> Ticket:
    try:
        pk = int(request.POST.get("ticket", ""))
    except ValueError as exc:
        raise Http404 from exc
    ticket = Ticket.objects.filter(pk=pk, hall_id=window.hall_id).first()
    if ticket is None:
        raise Http404
    return ticket


def _walk_in(request: HttpRequest, ticket: Ticket, window) -> str:
    choices = [(s.code, s.display_name) for s in selectors.services_served(hall=window.hall)]
    form = forms.WalkInForm(request.POST, choices=choices)
    if not form.is_valid():
        raise HallError(_("请完整填写申请人信息并选择事项。"))
    service = selectors.services_served(hall=window.hall).get(code=form.cleaned_data["service"])
    services.ticket_start_walk_in(
        ticket=ticket,
        clerk=request.user,
        service=service,
        real_name=form.cleaned_data["real_name"],
        id_number=form.cleaned_data["id_number"],
        phone=form.cleaned_data["phone"],
        identity_checked=form.cleaned_data["identity_checked"],
    )
    return _("已为该号新建窗口办件。")


def _run(request: HttpRequest, action: str, window) -> str:
    clerk = request.user
    if action == "call":
        ticket = services.ticket_call_next(window=window, clerk=clerk)
        return _("已叫号：%(n)s") % {"n": ticket.number}
    ticket = _ticket_for_action(request, window)
    simple = {
        "recall": services.ticket_recall,
        "skip": services.ticket_skip,
        "start": services.ticket_start,
        "finish": services.ticket_finish,
    }
    if action in simple:
        done = simple[action](ticket=ticket, clerk=clerk)
        return _("%(n)s：%(s)s") % {"n": done.number, "s": done.get_status_display()}
    if action == "green":
        services.ticket_set_green_lane(ticket=ticket, staff=clerk)
        return _("已设为绿色通道：%(n)s") % {"n": ticket.number}
    if action == "transfer":
        form = forms.TransferForm(request.POST, choices=_groups_choices(window))
        if not form.is_valid():
            raise HallError(_("请选择要转到的窗口组。"))
        group = window.hall.groups.get(pk=form.cleaned_data["group"])
        services.ticket_transfer(ticket=ticket, clerk=clerk, group=group)
        return _("已转到%(g)s。") % {"g": group.name}
    if action == "link":
        form = forms.CaseNumberForm(request.POST)
        if not form.is_valid():
            raise HallError(_("请输入办件编号。"))
        services.ticket_link_case(ticket=ticket, clerk=clerk, number=form.cleaned_data["number"])
        return _("已关联办件。")
    if action == "walk_in":
        return _walk_in(request, ticket, window)
    raise Http404


@permission_required(PERM_COUNTER)
@require_POST
def console_act(request: HttpRequest, action: str) -> HttpResponse:
    window = selectors.window_for_clerk(clerk=request.user, day=clock.today())
    if window is None:
        messages.error(request, _("您今天未排班到任何窗口。"))
        return redirect("hall:console")
    try:
        messages.success(request, _run(request, action, window))
    except HallError as exc:
        messages.error(request, exc.message)
    return redirect("hall:console")


@permission_required(PERM_COUNTER)
def statistics(request: HttpRequest) -> HttpResponse:
    halls = list(Hall.objects.order_by("name"))
    if not halls:
        raise Http404
    hall = next((h for h in halls if h.slug == request.GET.get("hall")), halls[0])
    today = clock.today()
    form = forms.PeriodForm(
        request.GET or None,
        initial={"start": today - dt.timedelta(days=27), "end": today},
    )
    start, end = today - dt.timedelta(days=27), today
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    stats = selectors.hall_statistics(hall=hall, start=start, end=end)
    return render(
        request,
        "hall/statistics.html",
        {"halls": halls, "hall": hall, "form": form, "stats": stats},
    )
