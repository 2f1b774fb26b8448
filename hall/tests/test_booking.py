"""A citizen books a slot at /hall/, sees it at /me/appointments/, changes or cancels it."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.tests.factories import UserFactory
from applications import services as app_services
from hall import selectors, services
from hall.constants import AppointmentStatus
from hall.errors import HallError
from hall.models import Appointment
from hall.tests.factories import HOLIDAY, WORKDAY, at, staffed_hall

pytestmark = pytest.mark.django_db

NEXT_DAY = WORKDAY + dt.timedelta(days=1)  # Thursday, a working day


def _book(client, h, *, day=NEXT_DAY, start="10:00", agree="1"):
    return client.post(
        f"/hall/book/{h.service.code}/confirm/",
        {"hall": h.hall.slug, "day": day.isoformat(), "start": start, "agree": agree},
        follow=True,
    )


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_slots_get_their_capacity_from_staffed_windows(clock):
    h = staffed_hall(windows=2, day=NEXT_DAY)
    slots = selectors.day_slots(group=h.group, day=NEXT_DAY, now=clock())
    assert slots[0].capacity == 2
    assert [s.key for s in slots][:2] == ["09:00", "09:30"]
    assert "12:00" not in [s.key for s in slots]  # lunch break is closed
    # Nobody staffs the group the day after: no capacity.
    later = selectors.day_slots(group=h.group, day=NEXT_DAY + dt.timedelta(days=1), now=clock())
    assert later and all(s.capacity == 0 for s in later)


def test_a_citizen_books_and_gets_a_code_and_qr(client, clock):
    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory()
    client.force_login(person)
    page = client.get(f"/hall/book/{h.service.code}/?hall={h.hall.slug}&day={NEXT_DAY}")
    assert "爽约规则" in page.content.decode()  # the no-show rule is shown before booking
    response = _book(client, h)
    appointment = Appointment.objects.get(user=person)
    assert appointment.code in response.content.decode()
    assert len(appointment.code) == 8
    qr = client.get(f"/me/appointments/{appointment.pk}/qr.png")
    assert qr["Content-Type"] == "image/png" and qr.content[:4] == b"\x89PNG"
    listing = client.get("/me/appointments/").content.decode()
    assert appointment.code in listing


@pytest.mark.parametrize(
    ("day", "start", "reason"),
    [
        (WORKDAY, "09:00", "该时段已过"),  # it is 10:00 now
        (NEXT_DAY, "12:00", "不在大厅开放时间"),  # lunch break
        (NEXT_DAY, "07:30", "不在大厅开放时间"),
    ],
)
def test_bad_slots_are_refused_with_the_reason(client, clock, day, start, reason):
    h = staffed_hall(day=NEXT_DAY)
    client.force_login(UserFactory())
    response = _book(client, h, day=day, start=start)
    assert reason in _messages(response)
    assert not Appointment.objects.exists()


def test_a_holiday_is_refused(client, clock):
    clock.set(at(dt.date(2026, 9, 28), 10))  # Monday before 国庆节
    h = staffed_hall(day=HOLIDAY)
    client.force_login(UserFactory())
    response = _book(client, h, day=HOLIDAY)
    assert "节假日" in _messages(response)
    assert not Appointment.objects.exists()


def test_a_full_slot_is_refused(client, clock):
    h = staffed_hall(windows=1, day=NEXT_DAY)
    services.appointment_book(
        user=UserFactory(), hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    client.force_login(UserFactory())
    response = _book(client, h)
    assert "已约满" in _messages(response)
    assert Appointment.objects.count() == 1


def test_booking_must_acknowledge_the_rule(client, clock):
    h = staffed_hall(day=NEXT_DAY)
    client.force_login(UserFactory())
    response = _book(client, h, agree="")
    assert "爽约规则" in _messages(response)
    assert not Appointment.objects.exists()


def test_the_no_show_rule_suspends_booking(client, clock):
    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory()
    for i in range(3):
        Appointment.objects.create(
            code=f"NOSHOW{i:02d}",
            user=person,
            hall=h.hall,
            group=h.group,
            service=h.service,
            day=WORKDAY - dt.timedelta(days=7 * (i + 1)),
            start=dt.time(9),
            end=dt.time(9, 30),
            status=AppointmentStatus.NO_SHOW,
        )
    client.force_login(person)
    page = client.get(f"/hall/book/{h.service.code}/?hall={h.hall.slug}&day={NEXT_DAY}")
    assert "暂停预约" in page.content.decode()  # told before trying
    response = _book(client, h)
    assert "暂停预约" in _messages(response)
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).count() == 0


def test_no_shows_are_marked_after_the_slot_ends(clock):
    h = staffed_hall(day=NEXT_DAY)
    a = services.appointment_book(
        user=UserFactory(), hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    assert services.appointments_mark_no_show(now=at(NEXT_DAY, 10, 15)) == 0
    assert services.appointments_mark_no_show(now=at(NEXT_DAY, 10, 31)) == 1
    a.refresh_from_db()
    assert a.status == AppointmentStatus.NO_SHOW


def test_another_persons_appointment_is_404(client, clock):
    h = staffed_hall(day=NEXT_DAY)
    a = services.appointment_book(
        user=UserFactory(), hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    client.force_login(UserFactory())
    assert client.get(f"/me/appointments/{a.pk}/").status_code == 404
    assert client.get(f"/me/appointments/{a.pk}/qr.png").status_code == 404
    assert client.post(f"/me/appointments/{a.pk}/cancel/").status_code == 404
    a.refresh_from_db()
    assert a.status == AppointmentStatus.BOOKED


def test_cancel_and_reschedule_until_the_configured_time(client, clock):
    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory()
    a = services.appointment_book(
        user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    client.force_login(person)
    response = client.post(
        f"/me/appointments/{a.pk}/reschedule/",
        {"day": NEXT_DAY.isoformat(), "start": "14:00"},
        follow=True,
    )
    assert "改约成功" in _messages(response)
    a.refresh_from_db()
    assert a.start == dt.time(14) and a.status == AppointmentStatus.BOOKED
    clock.set(at(NEXT_DAY, 12, 30))  # 1.5 h before 14:00; the hall allows changes until 2 h
    response = client.post(f"/me/appointments/{a.pk}/cancel/", follow=True)
    assert "小时内不能取消" in _messages(response)
    a.refresh_from_db()
    assert a.status == AppointmentStatus.BOOKED
    clock.set(at(NEXT_DAY, 11, 0))
    client.post(f"/me/appointments/{a.pk}/cancel/")
    a.refresh_from_db()
    assert a.status == AppointmentStatus.CANCELLED


def test_the_appointment_links_to_the_persons_draft_case(clock):
    h = staffed_hall(day=NEXT_DAY)
    person = UserFactory()
    draft = app_services.application_start(applicant=person, service=h.service)
    a = services.appointment_book(
        user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    assert a.application_id == draft.pk


def test_one_active_booking_per_service_and_day(clock):
    h = staffed_hall(windows=2, day=NEXT_DAY)
    person = UserFactory()
    services.appointment_book(
        user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(10)
    )
    with pytest.raises(HallError, match="已预约过"):
        services.appointment_book(
            user=person, hall=h.hall, service=h.service, day=NEXT_DAY, start=dt.time(11)
        )
