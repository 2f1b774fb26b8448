"""The calling display (/hall/<hall>/display/) and the window's rating tablet."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from hall import clock, forms, selectors, services
from hall.errors import HallError
from hall.models import Window


def _hall(slug: str):
    hall = selectors.hall_get(slug=slug)
    if hall is None:
        raise Http404
    return hall


def display(request: HttpRequest, slug: str) -> HttpResponse:
    hall = _hall(slug)
    state = selectors.display_state(hall=hall, day=clock.today())
    return render(request, "hall/display.html", {"hall": hall, "state": state})


@never_cache
def display_state(request: HttpRequest, slug: str) -> JsonResponse:
    """Polled every second by static/hall/display.js: small, uncached, no personal data."""
    hall = _hall(slug)
    return JsonResponse(selectors.display_state(hall=hall, day=clock.today()))


@never_cache
def tablet(request: HttpRequest, token: str) -> HttpResponse:
    """评价器 at the window: rates the visit this window finished last (一次一评)."""
    window = get_object_or_404(Window.objects.select_related("hall"), tablet_token=token)
    ticket = services.ticket_for_tablet(window=window)
    form = forms.RatingForm(
        request.POST if request.method == "POST" else None,
        initial={"ticket": ticket.pk if ticket else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ticket_rate(
                window=window,
                ticket_id=form.cleaned_data["ticket"],
                level=form.cleaned_data["level"],
                text=form.cleaned_data["text"],
            )
        except HallError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(f"{request.path}?thanks=1")
    context = {
        "window": window,
        "ticket": ticket,
        "form": form,
        "thanks": request.GET.get("thanks") == "1" and ticket is None,
    }
    return render(request, "hall/tablet.html", context)
