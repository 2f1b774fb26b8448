"""Records every 403 a signed-in staff member receives (the attempt is the record)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from worklog.services import record_action

DENIED = "accounts.denied"


class DenialRecordMiddleware:
    """Add after AuthenticationMiddleware. Cheap for everyone else: one status comparison."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_portal_staff:
                record_action(
                    actor=user,
                    action=DENIED,
                    label=_("无权访问被拒绝"),
                    target_type="url",
                    target_id=request.path[:64],
                    target_label=request.path[:200],
                    extra={"method": request.method},
                )
        return response
