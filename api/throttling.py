"""The open-data API's throttle: django-ninja's hook over the portal's one rate limiter."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from config.ratelimit import rate_limited


class PerIpMinuteThrottle(BaseThrottle):
    """settings.API_RATE_LIMIT_PER_MINUTE requests per client IP per minute; 0 disables it."""

    def allow_request(self, request: HttpRequest) -> bool:
        return not rate_limited(request, scope="api", limit=settings.API_RATE_LIMIT_PER_MINUTE)

    def wait(self) -> float:
        return 60.0
