"""Reporters' pages: raise an appeal, follow it (/me/appeals/ or number + phone), hot topics."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.constants import REGION_CODES
from config.ratelimit import rate_limited
from participation.appeals import hot, selectors, services
from participation.appeals.constants import ANONYMOUS_TYPES, AppealType
from participation.appeals.forms import AppealForm, LookupForm, RatingForm, ReasonForm
from participation.appeals.transitions import TransitionError


def _too_many(request, *, message: str) -> HttpResponse:
    response = render(request, "participation/appeals/rate_limited.html", {"message": message})
    response.status_code = 429
    return response


@require_http_methods(["GET", "POST"])
def appeal_new(request):
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limited(
            request,
            scope="appeal-submit",
            limit=settings.PARTICIPATION_SUBMIT_RATE,
            window_seconds=3600,
        ):
            return _too_many(request, message=_("提交过于频繁，请稍后再试或拨打12345。"))
        try:
            appeal = services.appeal_submit(
                data=form.to_input(request.FILES.getlist("attachments")),
                actor=request.user,
                submission_key=form.cleaned_data.get("submission_key", ""),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            response = redirect("participation:appeal_receipt")
            _receipt_remember(response, number=appeal.number)
            return response
    anonymous_types = [str(AppealType(t).label) for t in AppealType.values if t in ANONYMOUS_TYPES]
    return render(
        request,
        "participation/appeals/new.html",
        {"form": form, "anonymous_types": anonymous_types},
    )


# The receipt page shows the number of the appeal just raised. It travels in a signed cookie
# (only to the receipt page), not in the session: a session would cost an anonymous reporter a
# session row and a second database transaction on every submission.
RECEIPT_COOKIE = "appeal_receipt"
_RECEIPT_SALT = "participation.appeal-receipt"


def _receipt_remember(response: HttpResponse, *, number: str) -> None:
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        number,
        salt=_RECEIPT_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=reverse("participation:appeal_receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def appeal_receipt(request):
    number = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=_RECEIPT_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    if not number:
        return redirect("participation:appeal_new")
    return render(request, "participation/appeals/receipt.html", {"number": number})


@require_http_methods(["GET", "POST"])
def appeal_lookup(request):
    """By number + phone, without an account; a wrong pair is a 404, and look-ups are limited."""
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(
            request,
            scope="appeal-lookup",
            limit=settings.PARTICIPATION_LOOKUP_RATE,
            window_seconds=600,
        ):
            return _too_many(request, message=_("查询过于频繁，请10分钟后再试。"))
        if form.is_valid():
            appeal = selectors.appeal_lookup(
                number=form.cleaned_data["number"], phone=form.cleaned_data["phone"]
            )
            if appeal is None:
                raise Http404
            return _detail(request, appeal, own=False)
    return render(request, "participation/appeals/lookup.html", {"form": form})


def _detail(request, appeal, *, own: bool):
    return render(
        request,
        "participation/appeals/detail_reporter.html",
        {
            "appeal": appeal,
            "events": selectors.timeline(appeal=appeal),
            "own": own,
            "reopen_form": ReasonForm(),
            "rating_form": RatingForm(),
            "reply_form": ReasonForm(),
            "region_name": REGION_CODES.get(appeal.region_code, ""),
        },
    )


@login_required
def my_appeals(request):
    appeals = selectors.appeals_for_reporter(user=request.user)[:100]
    return render(request, "participation/appeals/mine.html", {"appeals": appeals})


@login_required
def my_appeal(request, number: str):
    appeal = selectors.appeal_for_reporter(user=request.user, number=number)
    if appeal is None:
        raise Http404
    return _detail(request, appeal, own=True)


REPORTER_ACTIONS = {
    "reopen": (
        ReasonForm,
        lambda a, u, d: services.appeal_reopen(appeal=a, actor=u, reason=d["reason"]),
    ),
    "reply": (
        ReasonForm,
        lambda a, u, d: services.appeal_reporter_reply(appeal=a, actor=u, text=d["reason"]),
    ),
    "evaluate": (
        RatingForm,
        lambda a, u, d: services.appeal_evaluate(appeal=a, actor=u, rating=d["rating"]),
    ),
}


@login_required
@require_POST
def my_appeal_action(request, number: str, action: str):
    appeal = selectors.appeal_for_reporter(user=request.user, number=number)
    if appeal is None or action not in REPORTER_ACTIONS:
        raise Http404
    form_class, call = REPORTER_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    else:
        try:
            call(appeal, request.user, form.cleaned_data)
            messages.success(request, _("已提交。"))
        except (TransitionError, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("participation:my_appeal", number=appeal.number)


def hot_topics(request):
    period = request.GET.get("period", "month")
    period = period if period in ("week", "month") else "month"
    region = request.GET.get("region", "*")
    region = region if region in REGION_CODES else "*"
    return render(
        request,
        "participation/appeals/hot.html",
        {
            "period": period,
            "region": region,
            "regions": REGION_CODES,
            "topics": hot.hot_topics(period=period, region_code=region),
        },
    )


def published_answers(request):
    answers = [
        {
            "number": a.number,
            "type": a.get_appeal_type_display(),
            "category": a.category.name,
            "department": a.department.name if a.department else _("12345热线中心"),
            "subject": hot.scrub(a.subject),
            "answer": hot.scrub(a.answer),
            "closed_at": a.closed_at,
        }
        for a in selectors.published_answers()
    ]
    return render(request, "participation/appeals/answers.html", {"answers": answers})
