"""A policy channel that is correct and current: 申报入口 checks and expiry reminders.

- ``policy_link_errors``: every linked service code (申报入口) must name a published service
  of the catalogue; publishing is refused otherwise, with the reason in Chinese.
- ``policies_remind_expiring``: 30 days before a policy's validity ends, its publisher is
  reminded once (per expiry date) through the portal's notifications (e-mail, SMS, inbox).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from applications.notifications import notify_staff
from policies.models import PolicyExpiryReminder, PolicyPage
from policies.rules import split_values
from services_catalog import selectors as catalogue

logger = logging.getLogger(__name__)

EXPIRY_REMINDER_DAYS = 30


def policy_link_errors(*, codes: str | list[str], publishing: bool = True) -> list[str]:
    """Why these 申报入口 codes cannot be published (empty when every one is a live service).

    A draft may name a service that is not published yet (``publishing=False``); an unknown
    code is refused even in a draft.
    """
    wanted = split_values(codes) if isinstance(codes, str) else list(codes)
    wanted = [c.strip().upper() for c in wanted if c.strip()]
    known = catalogue.services_publication_state(codes=wanted)
    errors = []
    for code in wanted:
        if code not in known:
            errors.append(
                _(
                    "申报入口事项编码“{code}”在事项目录中不存在，请核对政策所指定的申报事项。"
                ).format(code=code)
            )
        elif publishing and not known[code][1]:
            errors.append(
                _("申报入口事项“{name}”（{code}）尚未发布，发布该事项后才能发布本政策。").format(
                    name=known[code][0], code=code
                )
            )
    return errors


def policy_publisher(*, policy: PolicyPage):
    """Who to remind: the author of the live revision, else the page's owner."""
    revision = policy.live_revision
    user = getattr(revision, "user", None) if revision else None
    return user or policy.owner


def _remind_one(*, policy: PolicyPage, today: dt.date) -> bool:
    publisher = policy_publisher(policy=policy)
    if publisher is None or not publisher.is_active:
        logger.warning("policy %s expires %s but has no active publisher", policy.pk, today)
        return False
    try:
        with transaction.atomic():
            reminder = PolicyExpiryReminder.objects.create(
                policy=policy, effective_to=policy.effective_to
            )
    except IntegrityError:
        return False  # reminded already (a concurrent or repeated run)
    days = (policy.effective_to - today).days
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = notify_staff(
        recipients=[publisher],
        subject=_("政策即将到期：{title}").format(title=policy.title),
        body=_(
            "您发布的政策“{title}”（{doc}）将于{date}到期（还有{days}天）。"
            "如需延续，请在到期前修订有效期并重新发布；到期后政策将移入“已失效”栏目，"
            "不再参与匹配和免申即享。\n{url}"
        ).format(
            title=policy.title,
            doc=policy.document_number,
            date=date_format(policy.effective_to, "DATE_FORMAT"),
            days=days,
            url=f"{base}/admin/pages/{policy.pk}/edit/",
        ),
    )
    reminder.recipients = sent
    reminder.save(update_fields=["recipients"])
    return True


def policies_remind_expiring(*, today: dt.date | None = None) -> int:
    """Remind the publisher of each live policy that expires within 30 days, once per date."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=EXPIRY_REMINDER_DAYS)
    due = (
        PolicyPage.objects.live()
        .filter(effective_to__gte=today, effective_to__lte=horizon)
        .exclude(expiry_reminders__effective_to=F("effective_to"))
        .select_related("owner", "live_revision__user")
    )
    return sum(_remind_one(policy=p, today=today) for p in due)
