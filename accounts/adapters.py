from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from accounts import services
from accounts.constants import AccountKind


class PortalAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Attach the identity (and for 法人, the organisation) before the first save."""
        data = form.cleaned_data
        user.kind = data.get("kind") or AccountKind.CITIZEN
        user.phone = data.get("phone", "")
        services.user_set_identity(
            user=user, real_name=data["real_name"], id_number=data["id_number"]
        )
        if user.kind == AccountKind.BUSINESS:
            user.organisation = services.organisation_get_or_create(
                name=data["organisation_name"], uscc=data["uscc"]
            )
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """Staff land on their workbench; everyone else where they were going, or home."""
        user = request.user
        if user.is_authenticated and user.is_portal_staff and not request.GET.get("next"):
            return "/staff/"
        return super().get_login_redirect_url(request)
