"""Content-Security-Policy headers, and the NUL guard in front of every view.

Public pages get a strict policy: no inline script or style, no third-party origin.
The Wagtail admin still relies on inline styles and a few inline scripts, so it gets
the same policy with 'unsafe-inline' for those two directives; it is reachable only by
staff, behind MFA in production.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict

_STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'none'",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
_ADMIN = {
    **_STRICT,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
}


def _render(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


STRICT_POLICY = _render(_STRICT)
ADMIN_POLICY = _render(_ADMIN)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else STRICT_POLICY
        return response


class NulCharacterGuardMiddleware:
    """No NUL character from the URL or a cookie reaches a view or the database.

    PostgreSQL text cannot hold NUL, so a `%00` in a path or a query parameter, or a quoted
    cookie carrying `\\000`, made a look-up fail with a 500. NUL is removed from query values
    (as the views already remove control characters from free text, so a bad link still shows
    the page); a path with NUL names no page (404); a cookie with NUL is dropped, as if the
    browser had not sent it. Form fields are refused by Django's CharField. List it before the
    session middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name in [n for n, v in request.COOKIES.items() if "\x00" in n or "\x00" in v]:
            del request.COOKIES[name]
        if "\x00" in request.path:
            raise Http404
        if any("\x00" in key or "\x00" in "".join(vs) for key, vs in request.GET.lists()):
            pairs = [
                (key.replace("\x00", ""), value.replace("\x00", ""))
                for key, values in request.GET.lists()
                for value in values
            ]
            request.GET = QueryDict(urlencode(pairs))
        return self.get_response(request)
