"""Notices to the person (booking, reminder, near turn) through applications' notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from applications.notifications import notify
from hall.models import Appointment, Ticket


def enqueue_notice(event: str, pk: int) -> None:
    """Send after commit; the task loads fresh state."""
    from hall.tasks import notice_send

    transaction.on_commit(lambda: notice_send.delay(event, pk))


def _context(event: str, pk: int) -> tuple[dict, object] | None:
    if event.startswith("ticket_"):
        ticket = Ticket.objects.select_related("hall", "user").filter(pk=pk).first()
        return ({"ticket": ticket}, ticket.user) if ticket and ticket.user_id else None
    appointment = (
        Appointment.objects.select_related("hall", "service", "user").filter(pk=pk).first()
    )
    return ({"appointment": appointment}, appointment.user) if appointment else None


def notice_deliver(*, event: str, pk: int, extra: dict | None = None) -> int:
    """Render hall/notices/<event>.txt (first line the subject) and send it; 0 if nobody."""
    found = _context(event, pk)
    if found is None:
        return 0
    context, user = found
    context.update(extra or {})
    # In the portal's language, whatever language the thread that runs this last served
    # (an eager task after an English page, a worker thread): a notice never goes out half-English.
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"hall/notices/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return notify(
        email=user.email or "",
        phone=getattr(user, "phone", "") or "",
        subject=subject.strip(),
        body=body.strip(),
    )
