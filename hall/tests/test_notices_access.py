"""Booking and reminder notices; who may open the console."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.tests.factories import UserFactory
from hall import services
from hall.tests.factories import WORKDAY, at, staffed_hall

pytestmark = pytest.mark.django_db

NEXT_DAY = WORKDAY + dt.timedelta(days=1)


def test_booking_mails_the_code_and_the_reminder_goes_once(
    clock, mailoutbox, django_capture_on_commit_callbacks
):
    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory(email="p@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        a = services.appointment_book(
            user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
        )
    assert len(mailoutbox) == 1 and a.code in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.appointments_send_reminders(now=at(WORKDAY, 18)) == 1
        assert services.appointments_send_reminders(now=at(WORKDAY, 19)) == 0
    assert len(mailoutbox) == 2 and "提醒" in mailoutbox[1].subject


def test_the_staff_workspace_links_the_console_for_clerks_only(client, clock):
    h = staffed_hall()
    client.force_login(h.clerks[0])
    assert "/hall/console/" in client.get("/staff/").content.decode()
    client.force_login(UserFactory())
    assert client.get("/hall/console/").status_code == 403
    assert client.post("/hall/console/call/").status_code == 403


def test_the_console_page_queries_are_bounded(client, clock, django_assert_max_num_queries):
    h = staffed_hall()
    from hall.constants import TicketChannel

    for _ in range(12):
        services.ticket_issue(hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK)
    services.ticket_call_next(window=h.windows[0], clerk=h.clerks[0])
    client.force_login(h.clerks[0])
    with django_assert_max_num_queries(25):
        assert client.get("/hall/console/").status_code == 200


def test_the_admin_manages_halls_windows_and_rota(client, clock):
    h = staffed_hall()
    admin = UserFactory(staff=True, is_superuser=True)
    client.force_login(admin)
    for prefix in ["hall_halls", "hall_hours", "hall_groups", "hall_windows", "hall_rota"]:
        assert client.get(f"/admin/{prefix}/").status_code == 200, prefix
        assert client.get(f"/admin/{prefix}/new/").status_code == 200, prefix
    page = client.get(f"/admin/hall_halls/edit/{h.hall.pk}/").content.decode()
    assert "爽约次数上限" in page and "周末不打烊" in page


def test_a_reminder_goes_out_in_chinese_even_when_the_thread_last_served_english(
    clock, mailoutbox, django_capture_on_commit_callbacks
):
    """Found by CI: after an English page in the same thread, the reminder went out in English."""
    from django.utils import translation

    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory(email="p2@example.cn")
    services.appointment_book(
        user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(11)
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert services.appointments_send_reminders(now=at(WORKDAY, 18)) == 1
    assert "提醒" in mailoutbox[-1].subject
