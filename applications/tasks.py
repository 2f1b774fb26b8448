"""Celery tasks of the applications app. Tasks take ids, load fresh state and are idempotent."""

from __future__ import annotations

import logging
import os
import time

from celery import shared_task
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template import TemplateDoesNotExist

from applications.constants import DocumentType, MaterialMode, Status
from applications.documents import DOCUMENTS_OWED, document_produce, document_rerender
from applications.models import Application, Document, NotificationLog
from applications.notifications import active_backends, channels_chosen, render_message
from applications.services import (
    TransitionError,
    application_complete,
    application_evidence_followup,
    applications_flag_deadlines,
)
from applications.wallet import certificate_to_wallet
from printing.errors import CJKFontMissing
from printing.fonts import render_fingerprint

# A render refused for missing CJK fonts is retried this much later (fonts being installed).
FONT_RETRY_COUNTDOWN = 300

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, soft_time_limit=60, time_limit=90, max_retries=None)
def document_render(self, application_id: int, doc_type: str, notify_event: str = "") -> int:
    """Produce one document exactly once; completes the case when its result is issued.
    With notify_event, then send that step's notice (itself once per event and channel).
    Fonts missing: nothing is stored and the task comes back later."""
    delay = float(os.environ.get("APPLICATIONS_RENDER_DELAY_SECONDS", "0") or 0)
    if delay:  # lets the crash-recovery integration test kill a worker mid-render
        time.sleep(delay)
    try:
        document = document_produce(application_id=application_id, doc_type=doc_type)
    except CJKFontMissing as exc:
        logger.warning("document %s/%s not rendered: %s", application_id, doc_type, exc)
        if self.request.is_eager:  # inside a request or the demo loader: the sweep owes it
            return 0
        raise self.retry(exc=exc, countdown=FONT_RETRY_COUNTDOWN) from exc
    if doc_type == DocumentType.CERTIFICATE:
        certificate_to_wallet(document_id=document.pk)
    if notify_event:
        notification_send(application_id, notify_event)
    if doc_type in (DocumentType.CERTIFICATE, DocumentType.REFUSAL):
        application = Application.objects.get(pk=application_id)
        if application.status in (Status.APPROVED, Status.REFUSED):
            try:
                application_complete(application=application)
            except TransitionError:
                pass
    return document.pk


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def notification_send(application_id: int, event: str) -> int:
    """Send the notice of one step through every active backend, once per (event, channel)."""
    application = Application.objects.select_related("department").filter(pk=application_id).first()
    if application is None:
        return 0
    try:
        message = render_message(
            event=event,
            context={"app": application},
            email=application.applicant_email,
            phone=application.applicant_phone,
        )
    except TemplateDoesNotExist:
        return 0
    sent = 0
    turned_off = channels_chosen(message.user_id)
    for backend in active_backends():
        recipient = backend.recipient(message)
        if not recipient or backend.name in turned_off:
            continue
        try:
            with transaction.atomic():
                NotificationLog.objects.create(
                    application=application, event=event, channel=backend.name, recipient=recipient
                )
                backend.send(message)
        except IntegrityError:
            continue
        sent += 1
    return sent


@shared_task(acks_late=True)
def deadlines_flag() -> dict:
    """Beat: flag cases due within 1 working day and overdue ones."""
    return applications_flag_deadlines()


@shared_task(bind=True, acks_late=True, soft_time_limit=60, time_limit=90, max_retries=None)
def document_refresh(self, document_id: int) -> int:
    """Print a stored document again if it was printed with another font set (idempotent)."""
    try:
        document_rerender(document_id=document_id)
    except CJKFontMissing as exc:
        raise self.retry(exc=exc, countdown=FONT_RETRY_COUNTDOWN) from exc
    return document_id


@shared_task(acks_late=True)
def documents_reconcile() -> int:
    """Beat and start-up sweep: re-enqueue documents a case is owed but lacks (e.g. a worker
    died mid-render), and re-render those printed before the project's fonts were present."""
    queued = 0
    stale = Document.objects.exclude(render_fingerprint=render_fingerprint()).values_list(
        "pk", flat=True
    )[:500]
    for pk in stale:
        document_refresh.delay(pk)
        queued += 1
    for status, doc_types in DOCUMENTS_OWED.items():
        for doc_type in doc_types:
            missing = (
                Application.objects.filter(status=status)
                .exclude(
                    Exists(Document.objects.filter(application=OuterRef("pk"), doc_type=doc_type))
                )
                .values_list("pk", flat=True)[:500]
            )
            for pk in missing:
                if doc_type == DocumentType.RECEIPT:  # the submission notice travels with it
                    document_render.delay(pk, doc_type, "submit")
                else:
                    document_render.delay(pk, doc_type)
                queued += 1
    return queued


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def evidence_followup() -> int:
    """Beat: submitted cases waiting for data (数据待返回); refused, failed or overdue items
    become uploads the citizen is asked for. Idempotent: an item is asked for once."""
    waiting = (
        Application.objects.filter(
            status__in=(Status.SUBMITTED, Status.PRE_REVIEW),
            materials__mode=MaterialMode.EVIDENCE,
            materials__evidence_type__gt="",
        )
        .distinct()
        .values_list("pk", flat=True)[:500]
    )
    asked = 0
    for pk in waiting:
        application = Application.objects.get(pk=pk)
        asked += len(application_evidence_followup(application=application))
    return asked
