"""The kiosk (check-in, tickets, progress look-up), the display state and the rating tablet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from accounts.tests.factories import UserFactory
from applications.constants import EvaluationChannel
from applications.models import Evaluation
from applications.tests.factories import submitted_application
from hall import services
from hall.constants import AppointmentStatus, Priority, TicketChannel, TicketStatus
from hall.models import Appointment, Ticket
from hall.tests.factories import WORKDAY, HallFactory, at, staffed_hall

pytestmark = pytest.mark.django_db


def _booked(h, person=None, start=dt.time(10)):
    return services.appointment_book(
        user=person or UserFactory(),
        hall=h.hall,
        service=h.service,
        day=WORKDAY,
        start=start,
        now=at(WORKDAY, 8),
    )


def test_check_in_by_code_gives_a_priority_ticket(client, clock):
    h = staffed_hall()
    a = _booked(h)
    response = client.post(f"/kiosk/{h.hall.slug}/check-in/", {"code": a.code.lower()})
    assert "A001" in response.content.decode()
    ticket = Ticket.objects.get()
    assert ticket.priority == Priority.APPOINTMENT and ticket.appointment == a
    a.refresh_from_db()
    assert a.status == AppointmentStatus.CHECKED_IN


@pytest.mark.parametrize("case", ["forged", "expired", "other_hall", "used"])
def test_bad_codes_at_check_in_are_refused_alike(client, clock, case):
    h = staffed_hall()
    a = _booked(h)
    code = a.code
    slug = h.hall.slug
    if case == "forged":
        code = "ZZZZZZZZ"
    elif case == "expired":
        clock.set(at(WORKDAY, 10, 31))
    elif case == "other_hall":
        slug = HallFactory().slug
    elif case == "used":
        services.appointment_check_in(hall=h.hall, code=code)
    before = Ticket.objects.count()
    response = client.post(f"/kiosk/{slug}/check-in/", {"code": code})
    text = response.content.decode()
    assert "预约码无效或已过期" in text
    assert a.service.name not in text and a.user.real_name not in text  # nothing revealed
    assert Ticket.objects.count() == before


def test_the_kiosk_ends_any_session(client, clock):
    h = staffed_hall()
    client.force_login(UserFactory())
    response = client.get(f"/kiosk/{h.hall.slug}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "_auth_user_id" not in client.session
    assert client.get("/me/appointments/").status_code == 302  # logged out


def test_the_kiosk_issues_a_ticket_slip(client, clock):
    h = staffed_hall()
    response = client.post(f"/kiosk/{h.hall.slug}/take/", {"services": [h.service.code]})
    text = response.content.decode()
    assert "A001" in text and "前面还有 0 位" in text and h.service.name in text
    response = client.post(f"/kiosk/{h.hall.slug}/take/", {})
    assert "请至少选择一项" in response.content.decode()


@override_settings(APPLICATIONS_LOOKUP_RATE=2)
def test_kiosk_progress_shares_the_progress_limit_and_masking(client, clock):
    h = staffed_hall()
    person = UserFactory(real_name="张三丰")
    app = submitted_application(applicant=person, service=h.service)
    phone = app.applicant_phone or person.phone
    response = client.post(
        f"/kiosk/{h.hall.slug}/progress/", {"number": app.number, "phone": phone}
    )
    text = response.content.decode()
    assert app.number in text and "张三丰" not in text and person.id_number not in text
    client.post("/progress/", {"number": app.number, "phone": phone})  # the same counter
    response = client.post(
        f"/kiosk/{h.hall.slug}/progress/", {"number": app.number, "phone": phone}
    )
    assert response.status_code == 429
    assert "查询过于频繁" in response.content.decode()


def test_display_state_shows_only_current_calls(client, clock):
    h = staffed_hall(windows=2)
    first, _second = (
        services.ticket_issue(hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK)
        for _ in range(2)
    )
    services.ticket_call_next(window=h.windows[0], clerk=h.clerks[0])
    services.ticket_call_next(window=h.windows[1], clerk=h.clerks[1])
    services.ticket_finish(ticket=first, clerk=h.clerks[0])
    state = client.get(f"/hall/{h.hall.slug}/display/state.json").json()
    current = {w["window"]: w["number"] for w in state["windows"]}
    assert current == {1: "", 2: "A002"}  # the finished call is no longer current
    assert [c["number"] for c in state["calls"]] == ["A002", "A001"]
    assert state["last_call_id"] == state["calls"][0]["id"]
    page = client.get(f"/hall/{h.hall.slug}/display/").content.decode()
    assert "<script src=" in page and "<script>" not in page


def test_the_tablet_rating_attaches_to_ticket_case_and_clerk(client, clock):
    h = staffed_hall()
    person = UserFactory()
    app = submitted_application(applicant=person, service=h.service)
    ticket = services.ticket_issue(
        hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK, application=app
    )
    window, clerk = h.windows[0], h.clerks[0]
    services.ticket_call_next(window=window, clerk=clerk)
    services.ticket_finish(ticket=ticket, clerk=clerk)
    url = f"/hall/tablet/{window.tablet_token}/"
    assert ticket.number in client.get(url).content.decode()
    response = client.post(url, {"ticket": ticket.pk, "level": 4, "text": ""})
    assert "请写明原因" in response.content.decode()
    client.post(url, {"ticket": ticket.pk, "level": 1, "text": "很快"})
    ticket.refresh_from_db()
    evaluation = Evaluation.objects.get(application=app)
    assert ticket.evaluation == evaluation and ticket.rating_level == 1
    assert evaluation.channel == EvaluationChannel.TABLET
    assert list(evaluation.handlers.all()) == [clerk]
    # Rated once: the tablet no longer offers it.
    assert ticket.number not in client.get(url).content.decode()
    assert ticket.status == TicketStatus.DONE


def test_unknown_tablet_token_is_404(client):
    assert client.get("/hall/tablet/not-a-token/").status_code == 404


def test_hall_statistics_page(client, clock):
    h = staffed_hall()
    ticket = services.ticket_issue(hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK)
    clock.set(at(WORKDAY, 10, 6))
    services.ticket_call_next(window=h.windows[0], clerk=h.clerks[0])
    clock.set(at(WORKDAY, 10, 16))
    services.ticket_finish(ticket=ticket, clerk=h.clerks[0])
    Appointment.objects.create(
        code="NOSHOW01",
        user=UserFactory(),
        hall=h.hall,
        group=h.group,
        service=h.service,
        day=WORKDAY,
        start=dt.time(9),
        end=dt.time(9, 30),
        status=AppointmentStatus.NO_SHOW,
    )
    from hall.selectors import hall_statistics

    stats = hall_statistics(hall=h.hall, start=WORKDAY, end=WORKDAY)
    assert stats["total"]["tickets"] == 1
    assert stats["total"]["wait_mean"] == pytest.approx(6)
    assert stats["total"]["service_mean"] == pytest.approx(10)
    assert stats["by_service"][h.service.name]["no_shows"] == 1
    client.force_login(h.clerks[0])
    page = client.get(f"/hall/console/statistics/?hall={h.hall.slug}&start={WORKDAY}&end={WORKDAY}")
    assert page.status_code == 200 and "6.0" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "call_line", "window_label"),
    [
        ("zh-hans", 'data-call="%(n)s → %(w)s 号窗口"', '<span class="win">1 号窗口</span>'),
        ("en", 'data-call="%(n)s → window %(w)s"', '<span class="win">Window 1</span>'),
    ],
)
def test_the_display_hands_its_script_whole_sentences_in_each_language(
    client, clock, language, call_line, window_label
):
    """display.js fills %(…)s slots in whole translated sentences, so English reads
    'A012 → window 3' and not the Chinese word order 'A012 → 3 window'."""
    h = staffed_hall()
    client.get(f"/language/{'en' if language == 'en' else 'zh-hans'}/", {"next": "/"})
    page = client.get(f"/hall/{h.hall.slug}/display/").content.decode()
    assert call_line in page and window_label in page
    assert "<script>" not in page
