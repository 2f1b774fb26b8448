"""The self-service kiosk (/kiosk/<hall>/): take a ticket, check in, look up progress.

Nothing is kept from one person to the next: every kiosk page ends any session the browser
carries and is never cached; the ticket slip is the response itself, not a stored page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from applications.forms import ProgressLookupForm
from applications.selectors import application_find_public
from config.ratelimit import rate_limited
from hall import forms, selectors, services
from hall.constants import TicketChannel
from hall.errors import HallError
from services_catalog.selectors import services_live


def kiosk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        hall = selectors.hall_get(slug=slug)
        if hall is None:
            raise Http404
        if request.user.is_authenticated or request.session.session_key:
            logout(request)  # flushes the session: the next person starts clean
        response = view(request, hall, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _render(request: HttpRequest, template: str, hall, context: dict, status: int = 200):
    return render(request, template, {"hall": hall, **context}, status=status)


@kiosk_view
def start(request: HttpRequest, hall) -> HttpResponse:
    return _render(request, "hall/kiosk/start.html", hall, {})


@kiosk_view
def take(request: HttpRequest, hall) -> HttpResponse:
    choices = [(s.code, s.name) for s in selectors.services_served(hall=hall)]
    form = forms.ServicesForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = list(services_live().filter(code__in=form.cleaned_data["services"]))
        chosen.sort(key=lambda s: form.cleaned_data["services"].index(s.code))
        try:
            ticket = services.ticket_issue(hall=hall, services=chosen, channel=TicketChannel.KIOSK)
        except HallError as exc:
            form.add_error(None, exc.message)
        else:
            return _slip(request, hall, ticket)
    return _render(request, "hall/kiosk/take.html", hall, {"form": form})


def _slip(request: HttpRequest, hall, ticket) -> HttpResponse:
    ahead = selectors.ticket_position(ticket=ticket)
    context = {
        "ticket": ticket,
        "ahead": ahead,
        "minutes": selectors.waiting_estimate(group=ticket.group, ahead=ahead, day=ticket.day),
        "services": list(ticket.services.all()),
    }
    return _render(request, "hall/kiosk/slip.html", hall, context)


@kiosk_view
def check_in(request: HttpRequest, hall) -> HttpResponse:
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.appointment_check_in(hall=hall, code=form.cleaned_data["code"])
        except HallError as exc:
            form.add_error("code", exc.message)
        else:
            return _slip(request, hall, ticket)
    return _render(request, "hall/kiosk/check_in.html", hall, {"form": form})


@kiosk_view
def progress(request: HttpRequest, hall) -> HttpResponse:
    """The same look-up, limit and masking as /progress/ (one limiter scope for both)."""
    form = ProgressLookupForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if rate_limited(
            request,
            scope="progress-lookup",
            limit=settings.APPLICATIONS_LOOKUP_RATE,
            window_seconds=600,
        ):
            context["limited"] = True
            status = 429
        elif form.is_valid():
            app = application_find_public(
                number=form.cleaned_data["number"], phone=form.cleaned_data["phone"]
            )
            context["result"] = app
            context["not_found"] = app is None
            if app is not None:
                context["events"] = list(
                    app.events.only("created_at", "to_status", "office", "action")
                )
    context["title"] = _("办件进度查询")
    return _render(request, "hall/kiosk/progress.html", hall, context, status=status)
