from hall.models.halls import Hall, OpeningHours, Window, WindowAssignment, WindowGroup
from hall.models.queue import Appointment, CallEvent, Ticket, TicketCounter

__all__ = [
    "Appointment",
    "CallEvent",
    "Hall",
    "OpeningHours",
    "Ticket",
    "TicketCounter",
    "Window",
    "WindowAssignment",
    "WindowGroup",
]
