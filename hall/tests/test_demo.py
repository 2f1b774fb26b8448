"""The demo loader builds the hall promised in the issue, idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hall.constants import TicketStatus
from hall.models import Appointment, Hall, Ticket, Window

pytestmark = pytest.mark.django_db


def test_demo_hall_loads_twice_with_every_ticket_state():
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)  # idempotent
    assert Hall.objects.count() == 1
    hall = Hall.objects.get()
    assert Window.objects.filter(hall=hall).count() == 8
    assert hall.groups.count() == 3
    today = Ticket.objects.filter(hall=hall).order_by("-day").values_list("day", flat=True)[0]
    states = set(Ticket.objects.filter(day=today).values_list("status", flat=True))
    assert states == set(TicketStatus.values)
    assert Ticket.objects.values("day").distinct().count() >= 15  # weeks of history
    assert Appointment.objects.filter(status="booked").count() >= 8
