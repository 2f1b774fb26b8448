"""On PostgreSQL: the last place in a slot, ticket numbers and call-next under concurrency."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from accounts.tests.factories import UserFactory
from hall import services
from hall.constants import TicketChannel
from hall.errors import HallError
from hall.models import Appointment, Ticket
from hall.tests.factories import WORKDAY, at, staffed_hall

pytestmark = pytest.mark.integration

NEXT_DAY = WORKDAY + dt.timedelta(days=1)


def _require_postgres():
    if connection.vendor != "postgresql":
        from tests.fixtures.common import require

        require(False, "set DATABASE_URL to a PostgreSQL URL")


def _race(fn, n: int, workers: int):
    barrier = threading.Barrier(min(n, workers))

    def run(i):
        try:
            if i < workers:
                barrier.wait(timeout=10)
            return fn(i)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, range(n)))


def test_two_people_booking_the_last_place_exactly_one_succeeds(transactional_db, clock):
    _require_postgres()
    h = staffed_hall(windows=1, day=NEXT_DAY)
    people = [UserFactory(), UserFactory()]

    def book(i):
        try:
            services.appointment_book(
                user=people[i], hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
            )
            return "ok"
        except HallError as exc:
            return exc.message

    results = _race(book, 2, 2)
    assert results.count("ok") == 1
    assert any("已约满" in r for r in results if r != "ok")
    assert Appointment.objects.filter(day=NEXT_DAY, start=dt.time(10)).count() == 1


def test_concurrent_tickets_are_distinct_without_gaps(transactional_db, clock):
    _require_postgres()
    h = staffed_hall()

    def take(i):
        return services.ticket_issue(
            hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK, now=at(WORKDAY, 10)
        ).seq

    seqs = _race(take, 200, 12)
    assert sorted(seqs) == list(range(1, 201))
    assert Ticket.objects.values("number").distinct().count() == 200


def test_concurrent_call_next_never_calls_a_ticket_twice(transactional_db, clock):
    _require_postgres()
    h = staffed_hall(windows=8)
    for _ in range(40):
        services.ticket_issue(hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK)

    def call_all(i):
        window, clerk = h.windows[i], h.clerks[i]
        got = []
        while True:
            try:
                t = services.ticket_call_next(window=window, clerk=clerk, now=at(WORKDAY, 10))
            except HallError:
                return got
            got.append(t.pk)
            services.ticket_finish(ticket=t, clerk=clerk)

    called = [pk for got in _race(call_all, 8, 8) for pk in got]
    assert len(called) == 40 and len(set(called)) == 40
