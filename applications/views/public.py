"""Public pages: document verification (核验), progress look-up (进度查询), 好差评公示."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from applications import forms, selectors
from applications.constants import (
    RATINGS_PUBLIC_CACHE_SECONDS,
    DocumentType,
)
from applications.views._common import (
    rating_statistics_context,
)
from config.pagecache import cache_for_anonymous, csrf_context
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


@cache_for_anonymous(seconds=3600)
def progress_lookup(request: HttpRequest) -> HttpResponse:
    """The empty form is the same for every anonymous visitor (config.pagecache keeps it; the
    visitor's CSRF token is filled in per request); answers to POSTs are never kept."""
    form = forms.ProgressLookupForm(request.POST or None)
    context: dict = {"form": form, **(csrf_context(request) if request.method == "GET" else {})}
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


@cache_for_anonymous(seconds=RATINGS_PUBLIC_CACHE_SECONDS, params=("start", "end"))
def ratings_public(request: HttpRequest) -> HttpResponse:
    """好差评 statistics per department; no personal data, no rating texts. Anonymous visitors
    get the page from config.pagecache, as old as the statistics cache at most."""
    return render(
        request,
        "applications/ratings_public.html",
        rating_statistics_context(request, cached=True),
    )
