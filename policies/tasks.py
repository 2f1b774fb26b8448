"""Celery tasks of the business channel. Tasks take ids and are safe to run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from policies import services
from policies.constants import ScanStatus
from policies.models import BenefitNotice, BenefitScanRun

logger = logging.getLogger(__name__)

SCAN_BATCH_SIZE = 5000


@shared_task(acks_late=True, soft_time_limit=110, time_limit=170)
def benefit_scan_batch(run_id: int) -> None:
    """Process the next batch of a 免申即享 scan and enqueue the following one."""

    run = BenefitScanRun.objects.filter(pk=run_id, status=ScanStatus.RUNNING).first()
    if run is None:
        return
    more = services.benefit_scan_process_batch(run=run, batch_size=SCAN_BATCH_SIZE)
    if more:
        transaction.on_commit(lambda: benefit_scan_batch.delay(run_id))


@shared_task(acks_late=True)
def benefit_scan_daily() -> int:
    """Beat entry: start a scan over every business profile."""

    with transaction.atomic():
        run = services.benefit_scan_start()
    return run.pk


@shared_task(acks_late=True, soft_time_limit=110, time_limit=170)
def benefit_notices_email(
    run_id: int, first_organisation_id: int, last_organisation_id: int
) -> int:
    """E-mail the agents of organisations that received a new notice in this scan batch."""

    agents: dict[int, list[str]] = {}
    for org_id, email in (
        User.objects.filter(
            organisation_id__gte=first_organisation_id,
            organisation_id__lte=last_organisation_id,
            is_active=True,
        )
        .exclude(email="")
        .values_list("organisation_id", "email")
    ):
        agents.setdefault(org_id, []).append(email)
    if not agents:
        return 0  # organisations without a registered agent see the notice when one signs in
    notices = (
        BenefitNotice.objects.filter(
            scan_run_id=run_id, emailed_at__isnull=True, organisation_id__in=list(agents)
        )
        .select_related("policy")
        .order_by("organisation_id")
    )
    by_org: dict[int, list] = {}
    for notice in notices:
        by_org.setdefault(notice.organisation_id, []).append(notice)
    sent = 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for org_id, items in by_org.items():
        recipients = agents.get(org_id)
        if recipients:
            titles = "\n".join(f"· {n.policy.title}（{n.policy.document_number}）" for n in items)
            send_mail(
                subject="您的企业符合免申即享政策，请确认享受意愿",
                message=(
                    "经数据比对，贵单位符合以下政策条件，无需填表申报，"
                    f"登录后确认享受意愿即可：\n{titles}\n\n{base}/business/notices/"
                ),
                from_email=None,
                recipient_list=recipients,
            )
            sent += 1
        BenefitNotice.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
    return sent


@shared_task(acks_late=True)
def questions_flag_overdue() -> int:
    """Beat entry: flag questions unanswered for 3 working days to the supervisor."""

    count = services.questions_flag_overdue()
    if count:
        logger.info("flagged %s overdue policy questions", count)
    return count


@shared_task(acks_late=True, soft_time_limit=110, time_limit=170)
def policies_remind_expiring() -> int:
    """Beat entry (daily): remind publishers 30 days before a policy expires, once per date."""

    count = services.policies_remind_expiring()
    if count:
        logger.info("reminded publishers of %s expiring policies", count)
    return count
