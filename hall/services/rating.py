"""一次一评 on the window's tablet (评价渠道 "hall tablet", GB/T 39734): the rating attaches to
the ticket, to the linked case and to the clerk who served."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications import services as app_services
from applications.constants import Satisfaction
from hall import clock
from hall.constants import TABLET_RATING_MINUTES, TicketStatus
from hall.errors import HallError
from hall.models import Ticket, Window


def ticket_for_tablet(*, window: Window, now: dt.datetime | None = None) -> Ticket | None:
    """The ticket this window finished last, still unrated and within the rating time."""
    now = now or clock.now()
    since = now - dt.timedelta(minutes=TABLET_RATING_MINUTES)
    return (
        Ticket.objects.filter(
            window=window,
            status=TicketStatus.DONE,
            rated_at__isnull=True,
            finished_at__gte=since,
        )
        .select_related("application", "clerk")
        .order_by("-finished_at")
        .first()
    )


def ticket_rate(
    *,
    window: Window,
    ticket_id: int,
    level: int,
    text: str = "",
    sub_scores: dict | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """Rate the visit just finished at this window; once per ticket."""
    now = now or clock.now()
    if level not in Satisfaction.values:
        raise HallError(_("请选择满意度（非常满意至非常不满意）。"))
    if level >= Satisfaction.DISSATISFIED and not text.strip():
        raise HallError(_("选择“不满意”或“非常不满意”时，请写明原因，便于整改。"))
    with transaction.atomic():
        current = ticket_for_tablet(window=window, now=now)
        if current is None or current.pk != ticket_id:
            raise HallError(_("本次服务已评价或评价已超时。"))
        ticket = Ticket.objects.select_for_update().get(pk=current.pk)
        if ticket.application_id and ticket.clerk_id:
            try:
                ticket.evaluation = app_services.application_evaluate_on_the_spot(
                    application=ticket.application,
                    clerk=ticket.clerk,
                    level=level,
                    text=text,
                    sub_scores=sub_scores,
                )
            except ValidationError:
                ticket.evaluation = None  # the case was rated already: keep it on the ticket
        ticket.rating_level = level
        ticket.rating_text = text.strip()[:2000]
        ticket.rated_at = now
        ticket.save(update_fields=["evaluation", "rating_level", "rating_text", "rated_at"])
    return ticket
