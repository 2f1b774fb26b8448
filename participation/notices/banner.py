"""The site-wide emergency banner, on every page including the cached ones.

base.html renders only a placeholder comment, so a page cached for anonymous visitors holds
no banner of its own. This middleware, which runs after every cache, replaces the placeholder
with the banner in force now, re-read from the database at most every
PARTICIPATION_BANNER_SECONDS per process: a banner published in the admin shows within a
minute everywhere, and an ended one disappears as fast.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PLACEHOLDER = b"<!--participation:emergency-banner-->"

_lock = threading.Lock()
_memo: dict[str, tuple[float, bytes]] = {}


def banner_html(*, language: str) -> bytes:
    now = time.monotonic()
    cached = _memo.get(language)
    if cached and cached[0] > now:
        return cached[1]
    from participation.notices.selectors import banner_active

    banner = banner_active()
    html = (
        render_to_string("participation/notices/banner.html", {"banner": banner}).encode()
        if banner
        else b""
    )
    with _lock:
        _memo[language] = (now + settings.PARTICIPATION_BANNER_SECONDS, html)
    return html


def banner_forget() -> None:
    """Drop this process's memo (after a change in this process, and in tests)."""
    with _lock:
        _memo.clear()


class EmergencyBannerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or PLACEHOLDER not in response.content
        ):
            return response
        html = banner_html(language=translation.get_language() or settings.LANGUAGE_CODE)
        response.content = response.content.replace(PLACEHOLDER, html, 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
