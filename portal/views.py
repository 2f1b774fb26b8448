from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache

LARGE_TEXT_COOKIE = "ywtb_large_text"
_ONE_YEAR = 365 * 24 * 3600


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


@never_cache
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the visitor's language choice in a cookie and go back.

    A plain link rather than Django's POST set_language form: public pages then carry no
    CSRF token, so they can be cached for anonymous visitors. Choosing a language changes
    nothing on the server.
    """
    if code not in {c for c, _name in settings.LANGUAGES}:
        raise Http404
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=_ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@never_cache
def toggle_large_text(request: HttpRequest) -> HttpResponse:
    """适老化: switch the large-text, high-contrast reading mode on or off."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.COOKIES.get(LARGE_TEXT_COOKIE) == "1":
        response.delete_cookie(LARGE_TEXT_COOKIE)
    else:
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=_ONE_YEAR, samesite="Lax", secure=request.is_secure()
        )
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe, and the bare-Django baseline that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


@cache_control(public=True, max_age=86400)
def image_rendition(request: HttpRequest, path: str) -> FileResponse:
    """Serve Wagtail image files (public CMS content only; never applicants' uploads)."""
    root = (Path(settings.MEDIA_ROOT) / "images").resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    return FileResponse(target.open("rb"), content_type=content_type)


def error_400(request: HttpRequest, exception=None) -> HttpResponse:
    """The site's own page for a bad request (a wrong Host, a malformed upload), in place of
    Django's bare "Bad Request (400)"; the exception's text is for the log, not the visitor."""
    return render(request, "errors/400.html", status=400)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
