"""Writes of the hall: bookings, tickets, the clerk's calling steps and the on-the-spot rating."""

from hall.services.appointments import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_reschedule,
    appointments_mark_no_show,
    appointments_send_reminders,
    normalise_code,
)
from hall.services.calling import (
    ticket_call_next,
    ticket_finish,
    ticket_link_case,
    ticket_recall,
    ticket_set_green_lane,
    ticket_skip,
    ticket_start,
    ticket_start_walk_in,
    ticket_transfer,
)
from hall.services.rating import ticket_for_tablet, ticket_rate
from hall.services.tickets import ticket_issue, ticket_issue_online, tickets_notify_near

__all__ = [
    "appointment_book",
    "appointment_cancel",
    "appointment_check_in",
    "appointment_reschedule",
    "appointments_mark_no_show",
    "appointments_send_reminders",
    "normalise_code",
    "ticket_call_next",
    "ticket_finish",
    "ticket_for_tablet",
    "ticket_issue",
    "ticket_issue_online",
    "ticket_link_case",
    "ticket_rate",
    "ticket_recall",
    "ticket_set_green_lane",
    "ticket_skip",
    "ticket_start",
    "ticket_start_walk_in",
    "ticket_transfer",
    "tickets_notify_near",
]
