"""Models of the applications app, by concern; every model is importable from here."""

from applications.models.cases import (
    Application,
    ApplicationEvent,
    ApplicationMaterial,
    DueFlag,
    ReviewStep,
    SupplementRequest,
    Suspension,
    status_labels,
)
from applications.models.documents import Document, NotificationLog
from applications.models.messages import Notice, NotificationPreference
from applications.models.ratings import Evaluation, NegativeTicket, TicketCallback, TicketEvent

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationMaterial",
    "Document",
    "DueFlag",
    "Evaluation",
    "NegativeTicket",
    "Notice",
    "NotificationLog",
    "NotificationPreference",
    "ReviewStep",
    "SupplementRequest",
    "Suspension",
    "TicketCallback",
    "TicketEvent",
    "status_labels",
]
