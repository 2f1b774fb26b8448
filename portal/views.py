from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control


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


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
