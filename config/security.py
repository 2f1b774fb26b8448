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


def _without_nul(data: QueryDict) -> QueryDict | None:
    """A copy of `data` with NUL removed from keys and values, or None when it has none."""
    if not any("\x00" in key or "\x00" in "".join(values) for key, values in data.lists()):
        return None
    pairs = [
        (key.replace("\x00", ""), value.replace("\x00", ""))
        for key, values in data.lists()
        for value in values
    ]
    return QueryDict(urlencode(pairs, encoding=data.encoding), encoding=data.encoding)


class NulCharacterGuardMiddleware:
    """No NUL character from a request reaches a view or the database.

    PostgreSQL text cannot hold NUL, so a `%00` in a path, a query parameter or a posted field
    read outside a Django form (a comment, a note, a reason), or a quoted cookie carrying
    `\\000`, made the write or look-up fail with a 500. NUL means nothing in any of them:
    it is removed from query and form values (so a bad link still shows the page, as the lists
    promise); a path with NUL names no page (404); a cookie with NUL is dropped, as if the
    browser had not sent it. Reading the form here costs nothing extra: the CSRF middleware
    reads it for every POST anyway. List it before the session middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name in [n for n, v in request.COOKIES.items() if "\x00" in n or "\x00" in v]:
            del request.COOKIES[name]
        if "\x00" in request.path:
            raise Http404
        cleaned = _without_nul(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST":
            cleaned = _without_nul(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)
