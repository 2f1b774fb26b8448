"""Public pages: document verification (核验), progress look-up (进度查询), 好差评公示."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from applications import forms, selectors
from applications.constants import (
    DocumentType,
)
from applications.views._common import (
    rating_statistics_context,
)
from config.ratelimit import rate_limited


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    code = code or request.GET.get("code", "")
    document = selectors.document_get_by_code(code=code) if code else None
    context = {"code": code, "document": document}
    if document is not None:
        app = document.application
        name = app.applicant_name
        context.update(
            app=app,
            masked_name=(name[0] + "*" * (len(name) - 1))
            if name and not app.organisation_id
            else name,
            masked_id=app.masked_id_number,
            valid=not document.revoked,
            is_result=document.doc_type == DocumentType.CERTIFICATE,
        )
    return render(
        request,
        "applications/verify.html",
        context,
        status=404 if code and document is None else 200,
    )


def progress_lookup(request: HttpRequest) -> HttpResponse:
    form = forms.ProgressLookupForm(request.POST or None)
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
            app = selectors.application_find_public(
                number=form.cleaned_data["number"], phone=form.cleaned_data["phone"]
            )
            context["result"] = app
            context["not_found"] = app is None
            if app is not None:
                context["events"] = list(
                    app.events.only("created_at", "to_status", "office", "action")
                )
    return render(request, "applications/progress.html", context, status=status)


def ratings_public(request: HttpRequest) -> HttpResponse:
    """好差评 statistics per department; no personal data, no rating texts."""
    return render(
        request,
        "applications/ratings_public.html",
        rating_statistics_context(request, cached=True),
    )
