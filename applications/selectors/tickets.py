"""差评 tickets as the department and the supervisor see them."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from accounts.constants import PERM_SUPERVISION
from accounts.models import User
from applications.constants import (
    TICKET_PENDING_STATES,
    TicketStatus,
)
from applications.models import (
    NegativeTicket,
    TicketCallback,
    TicketEvent,
)
from applications.permissions import staff_handles_tickets


def _tickets_base() -> QuerySet[NegativeTicket]:
    """Tickets with what a ledger row shows, waiting work first, then by due date."""
    return (
        NegativeTicket.objects.select_related("department", "evaluation", "evaluation__application")
        .only(
            "pk",
            "status",
            "due_date",
            "called_back_at",
            "rectification_kind",
            "department__name",
            "evaluation__number",
            "evaluation__level",
            "evaluation__text",
            "evaluation__created_at",
            "evaluation__service_id",
            "evaluation__application__service_name",
        )
        .annotate(
            waiting=Case(
                When(status__in=TICKET_PENDING_STATES, then=Value(0)),
                When(status__in=[TicketStatus.RECTIFIED, TicketStatus.APPEALED], then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "due_date", "pk")
    )


def tickets_for_department(*, user: User) -> QuerySet[NegativeTicket]:
    """The 差评 of the cases the user's department handled (scoped on the server)."""
    if not staff_handles_tickets(user):
        return NegativeTicket.objects.none()
    return _tickets_base().filter(department_id=user.department_id)


def ticket_get_for_department(*, user: User, pk: int) -> NegativeTicket | None:
    return tickets_for_department(user=user).filter(pk=pk).first()


def tickets_for_supervisor(*, user: User, status: str = "") -> QuerySet[NegativeTicket]:
    """Every department's 差评 ledger, for 效能监督."""
    if not user.has_perm(PERM_SUPERVISION):
        return NegativeTicket.objects.none()
    qs = _tickets_base()
    if status in TicketStatus.values:
        qs = qs.filter(status=status)
    return qs


def ticket_get_for_supervisor(*, user: User, pk: int) -> NegativeTicket | None:
    return tickets_for_supervisor(user=user).filter(pk=pk).first()


def ticket_history(*, ticket: NegativeTicket) -> dict:
    """Every step (who, when, why) and every call back of one ticket."""
    return {
        "events": list(TicketEvent.objects.filter(ticket=ticket).select_related("actor")),
        "callbacks": list(
            TicketCallback.objects.filter(ticket=ticket).select_related("recorded_by")
        ),
    }
