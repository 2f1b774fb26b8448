"""Who may act for a business in the channel: a business agent of an authorised organisation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.selectors import organisation_access


def require_business(actor: User) -> Organisation:
    """The actor's organisation, or PermissionDenied with the reason in Chinese."""
    if not actor.is_authenticated or not actor.is_business or actor.organisation_id is None:
        raise PermissionDenied(_("仅法人经办人可以办理。"))
    if not organisation_access(user=actor, organisation_id=actor.organisation_id):
        raise PermissionDenied(_("您尚未获得本单位的授权委托，请联系单位管理员。"))
    return actor.organisation
