"""Notices to reporters through the portal's one notification mechanism (applications')."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from applications import services as applications
from participation.appeals.hot import hot_topics_count_appeal
from participation.appeals.models import Appeal, AppealNotification


def _recipients(appeal: Appeal) -> list[Appeal]:
    """The appeal's reporter, and the reporters of every appeal merged into it (并单)."""
    return [appeal, *appeal.merged_appeals.all()]


def appeal_send_notice(*, appeal_id: int, event: str) -> int:
    appeal = Appeal.objects.select_related("department", "category").filter(pk=appeal_id).first()
    if appeal is None:
        return 0
    last = appeal.events.filter(action=event).order_by("-pk").values_list("pk", flat=True).first()
    sent = 0
    for target in _recipients(appeal):
        try:
            text = render_to_string(
                f"participation/email/{event}.txt", {"appeal": appeal, "own": target}
            ).strip()
        except TemplateDoesNotExist:
            return 0
        subject, _sep, body = text.partition("\n")
        email = target.reporter_email or (target.reporter.email if target.reporter_id else "")

        def claim(channel: str, recipient: str, target=target) -> bool:
            try:
                with transaction.atomic():
                    AppealNotification.objects.create(
                        appeal=target, event=f"{event}:{last}", channel=channel, recipient=recipient
                    )
            except IntegrityError:
                return False
            return True

        sent += applications.notification_deliver(
            email=email,
            phone=target.reporter_phone,
            subject=subject.strip(),
            body=body.strip(),
            claim=claim,
        )
    return sent


def appeal_received_followup(*, appeal_id: int, events: list[str]) -> int:
    """A new appeal's notices (in step order) and its hot-topic count, each attempted even if
    another fails (the first failure is raised at the end); returns the notices sent."""
    sent, failure = 0, None
    for event in events:
        try:
            sent += appeal_send_notice(appeal_id=appeal_id, event=event)
        except Exception as exc:  # re-raised below, after the other parts
            failure = failure or exc
    try:
        hot_topics_count_appeal(appeal_id=appeal_id)
    except Exception as exc:  # re-raised below
        failure = failure or exc
    if failure is not None:
        raise failure
    return sent
