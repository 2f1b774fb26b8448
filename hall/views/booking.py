"""Citizens: book at /hall/, see and change bookings at /me/appointments/, take a ticket online."""

from __future__ import annotations

import datetime as dt
import io

import qrcode
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import AccountKind
from accounts.permissions import login_required_kind
from hall import clock, forms, selectors, services
from hall.errors import HallError
from hall.models import Ticket
from services_catalog.selectors import services_live

citizen_required = login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)


def _days(hall, today: dt.date) -> list[dt.date]:
    return [today + dt.timedelta(days=i) for i in range(hall.booking_days_ahead + 1)]


def book_start(request: HttpRequest) -> HttpResponse:
    """Step 1: which service (only services that support 预约 and a hall serves)."""
    return render(request, "hall/book_start.html", {"services": selectors.services_bookable()})


def book_service(request: HttpRequest, service_code: str) -> HttpResponse:
    """Steps 2-4: hall, day, slot; the no-show rule is shown before booking."""
    service = get_object_or_404(services_live(), code=service_code, appointment=True)
    halls = list(selectors.halls_for_service(service=service))
    if not halls:
        raise Http404
    hall = next((h for h in halls if h.slug == request.GET.get("hall")), halls[0])
    now = clock.now()
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = now.date()
    group = selectors.groups_for_service(hall=hall, service=service)[0]
    context = {
        "service": service,
        "halls": halls,
        "hall": hall,
        "day": day,
        "days": _days(hall, now.date()),
        "slots": selectors.day_slots(group=group, day=day, now=now),
        "case": selectors.open_case_for_service(user=request.user, service=service)
        if request.user.is_authenticated
        else None,
        "suspended": selectors.booking_suspended_until(
            user=request.user, hall=hall, today=now.date()
        )
        if request.user.is_authenticated
        else None,
    }
    return render(request, "hall/book_service.html", context)


@citizen_required
@require_POST
def book_submit(request: HttpRequest, service_code: str) -> HttpResponse:
    service = get_object_or_404(services_live(), code=service_code, appointment=True)
    form = forms.BookForm(request.POST)
    back = redirect("hall:book_service", service_code=service.code)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return back
    hall = selectors.hall_get(slug=form.cleaned_data["hall"])
    if hall is None:
        raise Http404
    try:
        appointment = services.appointment_book(
            user=request.user,
            hall=hall,
            service=service,
            day=form.cleaned_data["day"],
            start=form.cleaned_data["start"],
        )
    except HallError as exc:
        messages.error(request, exc.message)
        return redirect(f"{back.url}?hall={hall.slug}&day={form.cleaned_data['day'].isoformat()}")
    messages.success(request, _("预约成功，请保存预约码。"))
    return redirect("hall:appointment_detail", pk=appointment.pk)


@citizen_required
def my_appointments(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    tickets = [
        (t, selectors.ticket_position(ticket=t))
        for t in Ticket.objects.filter(user=request.user, day=today).select_related("hall")
    ]
    return render(
        request,
        "hall/my_appointments.html",
        {"appointments": selectors.appointments_for_user(user=request.user), "tickets": tickets},
    )


def _own(request: HttpRequest, pk: int):
    appointment = selectors.appointment_get_for_user(user=request.user, pk=pk)
    if appointment is None:
        raise Http404
    return appointment


@citizen_required
def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = _own(request, pk)
    now = clock.now()
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = appointment.day
    context = {
        "a": appointment,
        "days": _days(appointment.hall, now.date()),
        "day": day,
        "slots": selectors.day_slots(group=appointment.group, day=day, now=now),
    }
    return render(request, "hall/appointment_detail.html", context)


@citizen_required
def appointment_qr(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = _own(request, pk)
    buffer = io.BytesIO()
    qrcode.make(appointment.code, box_size=8, border=2).save(buffer, format="PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@require_POST
def appointment_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    appointment = _own(request, pk)
    try:
        if action == "cancel":
            services.appointment_cancel(appointment=appointment, user=request.user)
            messages.success(request, _("预约已取消。"))
        elif action == "reschedule":
            form = forms.SlotForm(request.POST)
            if not form.is_valid():
                raise HallError(_("请选择新的日期和时段。"))
            services.appointment_reschedule(
                appointment=appointment, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("改约成功，预约码不变。"))
        else:
            raise Http404
    except HallError as exc:
        messages.error(request, exc.message)
    return redirect("hall:appointment_detail", pk=appointment.pk)


@citizen_required
def ticket_online(request: HttpRequest, slug: str) -> HttpResponse:
    """网上取号 on the day."""
    hall = selectors.hall_get(slug=slug)
    if hall is None:
        raise Http404
    choices = [(s.code, s.name) for s in selectors.services_served(hall=hall)]
    form = forms.ServicesForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = list(services_live().filter(code__in=form.cleaned_data["services"]))
        try:
            ticket = services.ticket_issue_online(user=request.user, hall=hall, services=chosen)
        except HallError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("取号成功：%(n)s") % {"n": ticket.number})
            return redirect("hall:my_appointments")
    return render(request, "hall/ticket_online.html", {"hall": hall, "form": form})
