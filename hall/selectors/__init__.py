"""Reads of the hall: slots, queues, the display and statistics (also for supervision)."""

from hall.selectors.display import display_state, ticket_position, waiting_estimate
from hall.selectors.halls import (
    appointment_get_for_user,
    appointments_for_user,
    booking_suspended_until,
    groups_for_service,
    hall_get,
    halls_for_service,
    halls_open,
    open_case_for_service,
    ratings_for_clerk,
    services_bookable,
    services_served,
    staffed_windows,
    window_for_clerk,
)
from hall.selectors.slots import Slot, day_slots, slot_capacity, slot_find
from hall.selectors.statistics import hall_statistics

__all__ = [
    "Slot",
    "appointment_get_for_user",
    "appointments_for_user",
    "booking_suspended_until",
    "day_slots",
    "display_state",
    "groups_for_service",
    "hall_get",
    "hall_statistics",
    "halls_for_service",
    "halls_open",
    "open_case_for_service",
    "ratings_for_clerk",
    "services_bookable",
    "services_served",
    "slot_capacity",
    "slot_find",
    "staffed_windows",
    "ticket_position",
    "waiting_estimate",
    "window_for_clerk",
]
