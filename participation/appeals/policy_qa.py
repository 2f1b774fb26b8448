"""The business channel's policy questions as appeals of type 咨询 (one loop, not two).

``appeal_from_policy_question`` is the one named function the policies app (same floor) calls
when a business asks about a policy: the question becomes a 咨询 appeal on the channel
惠企政策咨询, dispatched straight to the policy's issuing department, and from then on follows
the same loop (答复, 回访, 重办…) as any appeal. Asking twice with the same reference returns
the first appeal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from accounts.constants import REGION_CODES
from participation.appeals.constants import AppealType, Channel
from participation.appeals.dispatch import appeal_dispatch
from participation.appeals.intake import AppealInput, appeal_submit
from participation.appeals.models import Appeal, AppealCategory

POLICY_CATEGORY = ("policy", "惠企政策咨询", 3)


def _category() -> AppealCategory:
    code, name, days = POLICY_CATEGORY
    category, _created = AppealCategory.objects.get_or_create(
        code=code, defaults={"name": name, "deadline_working_days": days, "sort_order": 99}
    )
    return category


def appeal_from_policy_question(
    *, asker, department, policy_title: str, question: str, reference: str
) -> Appeal:
    """A business's question about a policy, as a 咨询 appeal with the issuing department."""
    category = _category()
    organisation = getattr(asker, "organisation", None)
    region = getattr(organisation, "region_code", "") or settings.PORTAL_REGION_CODE
    data = AppealInput(
        appeal_type=AppealType.CONSULT,
        category_code=category.code,
        subject=f"政策咨询：{policy_title}"[:80],
        description=question,
        region_code=region if region in REGION_CODES else settings.PORTAL_REGION_CODE,
        reporter_name=asker.real_name or asker.username,
        reporter_phone=asker.phone,
        reporter_email=asker.email,
    )
    with transaction.atomic():
        appeal = appeal_submit(
            data=data,
            actor=asker,
            channel=Channel.POLICY_QA,
            submission_key=f"policy-qa:{reference}"[:64],
        )
        if appeal.department_id is None:
            appeal_dispatch(appeal=appeal, actor=None, department=department)
    return appeal
