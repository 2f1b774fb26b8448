"""Content-Security-Policy headers.

Public pages get a strict policy: no inline script or style, no third-party origin.
The Wagtail admin still relies on inline styles and a few inline scripts, so it gets
the same policy with 'unsafe-inline' for those two directives; it is reachable only by
staff, behind MFA in production.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
