"""单位办件记录: what each authorised person did on the company's cases, for its administrator.

The company administrator page itself (accounts, floor 0) cannot read cases; this page lives
here, on the floor that owns cases, and reads who holds which authorisation through
``accounts.selectors`` (a downward arrow).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from applications import selectors


@login_required
def organisation_activity(request: HttpRequest) -> HttpResponse:
    if not account_selectors.organisation_is_admin(user=request.user):
        raise PermissionDenied(_("仅单位管理员可以查看本单位人员的办件记录。"))
    organisation_id = request.user.organisation_id
    grants = list(account_selectors.organisation_authorisations(organisation_id=organisation_id))
    people = list({g.user_id: g.user for g in grants}.values())
    actions = selectors.organisation_actions_by_user(
        organisation_id=organisation_id, user_ids=[p.pk for p in people]
    )
    rows = [
        {
            "person": p,
            "grants": [g for g in grants if g.user_id == p.pk],
            "events": actions[p.pk],
        }
        for p in people
    ]
    return render(request, "applications/organisation_activity.html", {"rows": rows})
