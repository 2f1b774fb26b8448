"""Tickets and calling: numbers per group and day, priorities, the clerk's steps."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.tests.factories import UserFactory
from applications.tests.factories import clerk_for, submitted_application
from hall import services
from hall.constants import Priority, TicketChannel, TicketStatus
from hall.errors import HallError
from hall.models import CallEvent, Ticket
from hall.tests.factories import WORKDAY, WindowGroupFactory, at, staffed_hall
from worklog.selectors import records_for_target

pytestmark = pytest.mark.django_db


def _take(h, n=1, **kwargs):
    return [
        services.ticket_issue(
            hall=h.hall, services=[h.service], channel=TicketChannel.KIOSK, **kwargs
        )
        for _ in range(n)
    ]


def test_numbers_run_per_group_and_day(clock):
    h = staffed_hall()
    other = WindowGroupFactory(hall=h.hall, prefix="B")
    other_service = type(h.service).objects.create(
        code="TST-B-1",
        basic_code="1",
        name="公积金提取",
        department=h.service.department,
        item_type="20",
        audience="person",
        live=True,
        legal_limit_days=1,
        promised_limit_days=1,
    )
    other.services.add(other_service)
    a = _take(h, 3)
    b = services.ticket_issue(hall=h.hall, services=[other_service], channel=TicketChannel.KIOSK)
    assert [t.number for t in a] == ["A001", "A002", "A003"]
    assert b.number == "B001"
    clock.set(at(WORKDAY + dt.timedelta(days=1), 9, 5))
    assert _take(h)[0].number == "A001"  # a new day starts at 1


def test_a_ticket_carries_several_services(clock):
    h = staffed_hall()
    second = type(h.service).objects.create(
        code="TST-X-2",
        basic_code="2",
        name="社保卡补办",
        department=h.service.department,
        item_type="20",
        audience="person",
        live=True,
        legal_limit_days=1,
        promised_limit_days=1,
    )
    ticket = services.ticket_issue(
        hall=h.hall, services=[h.service, second], channel=TicketChannel.KIOSK
    )
    assert set(ticket.services.all()) == {h.service, second}
    assert ticket.group == h.group  # the first service decides the queue


def test_no_ticket_outside_opening_hours(clock):
    h = staffed_hall()
    clock.set(at(WORKDAY, 12, 30))
    with pytest.raises(HallError, match="不在办公时间"):
        _take(h)
    assert not Ticket.objects.exists()


def test_call_next_order_green_lane_then_appointments_then_queue(clock):
    h = staffed_hall()
    first, second, third = _take(h, 3)
    booked = _take(h, priority=Priority.APPOINTMENT)[0]
    services.ticket_set_green_lane(ticket=third, staff=h.clerks[0])
    window, clerk = h.windows[0], h.clerks[0]
    order = []
    for _ in range(4):
        t = services.ticket_call_next(window=window, clerk=clerk)
        order.append(t.number)
        services.ticket_finish(ticket=t, clerk=clerk)
    assert order == [third.number, booked.number, first.number, second.number]


def test_calling_an_empty_queue_says_so(clock):
    h = staffed_hall()
    with pytest.raises(HallError, match="当前没有等候的号"):
        services.ticket_call_next(window=h.windows[0], clerk=h.clerks[0])


def test_calling_from_a_window_one_is_not_assigned_to_is_refused(clock):
    h = staffed_hall(windows=2)
    _take(h)
    with pytest.raises(HallError, match="未排班"):
        services.ticket_call_next(window=h.windows[1], clerk=h.clerks[0])


def test_finishing_a_ticket_one_did_not_call_says_so(clock):
    h = staffed_hall(windows=2)
    _take(h)
    ticket = services.ticket_call_next(window=h.windows[0], clerk=h.clerks[0])
    with pytest.raises(HallError, match="不是您叫的"):
        services.ticket_finish(ticket=ticket, clerk=h.clerks[1])
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED


def test_skip_requeues_once_then_drops(clock):
    h = staffed_hall()
    ticket, later = _take(h, 2)
    window, clerk = h.windows[0], h.clerks[0]
    services.ticket_call_next(window=window, clerk=clerk)
    clock.set(at(WORKDAY, 10, 5))
    services.ticket_skip(ticket=ticket, clerk=clerk)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING and ticket.window is None
    # Re-queued behind the number that was waiting.
    assert services.ticket_call_next(window=window, clerk=clerk).pk == later.pk
    services.ticket_finish(ticket=later, clerk=clerk)
    assert services.ticket_call_next(window=window, clerk=clerk).pk == ticket.pk
    services.ticket_skip(ticket=ticket, clerk=clerk)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DROPPED


def test_transfer_and_recall(clock):
    h = staffed_hall()
    other = WindowGroupFactory(hall=h.hall, prefix="Z")
    ticket = _take(h)[0]
    window, clerk = h.windows[0], h.clerks[0]
    services.ticket_call_next(window=window, clerk=clerk)
    services.ticket_recall(ticket=ticket, clerk=clerk)
    assert CallEvent.objects.filter(ticket=ticket).count() == 2
    services.ticket_transfer(ticket=ticket, clerk=clerk, group=other)
    ticket.refresh_from_db()
    assert ticket.group == other and ticket.status == TicketStatus.WAITING
    assert ticket.number == "A001"  # keeps its number
    trail = list(records_for_target(target=ticket).values_list("action", "actor_id"))
    assert trail == [
        ("hall.call", clerk.pk),
        ("hall.recall", clerk.pk),
        ("hall.transfer", clerk.pk),
    ]


def test_linking_a_ticket_to_a_case_the_clerk_may_handle(clock):
    h = staffed_hall()
    person = UserFactory()
    app = submitted_application(applicant=person, service=h.service)
    ticket = _take(h)[0]
    window, clerk = h.windows[0], h.clerks[0]
    services.ticket_call_next(window=window, clerk=clerk)
    with pytest.raises(HallError, match="未找到"):
        services.ticket_link_case(ticket=ticket, clerk=clerk, number="NOPE-1")
    services.ticket_link_case(ticket=ticket, clerk=clerk, number=app.number.lower())
    ticket.refresh_from_db()
    assert ticket.application_id == app.pk


def test_a_walk_in_case_is_created_for_the_ticket(clock):
    h = staffed_hall()
    ticket = _take(h)[0]
    window, clerk = h.windows[0], h.clerks[0]
    services.ticket_call_next(window=window, clerk=clerk)
    from accounts.tests.factories import new_id_number

    ticket, app = services.ticket_start_walk_in(
        ticket=ticket,
        clerk=clerk,
        service=h.service,
        real_name="王五",
        id_number=new_id_number(),
        phone="13900001111",
        identity_checked=True,
    )
    assert ticket.application_id == app.pk and app.agent_staff_id == clerk.pk


def test_the_console_shows_clear_messages(client, clock):
    h = staffed_hall()
    client.force_login(h.clerks[0])
    response = client.post("/hall/console/call/", follow=True)
    assert "当前没有等候的号" in response.content.decode()
    _take(h)
    response = client.post("/hall/console/call/", follow=True)
    assert "已叫号：A001" in response.content.decode()
    stranger = clerk_for()
    client.force_login(stranger)
    response = client.post("/hall/console/call/", follow=True)
    assert "未排班" in response.content.decode()


def test_near_turn_notice_is_sent_once(clock, mailoutbox, django_capture_on_commit_callbacks):
    h = staffed_hall()
    people = [UserFactory(email=f"p{i}@example.cn") for i in range(5)]
    for p in people:
        services.ticket_issue(
            hall=h.hall, services=[h.service], channel=TicketChannel.ONLINE, user=p
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.tickets_notify_near(group_id=h.group.pk, day=WORKDAY)
        services.tickets_notify_near(group_id=h.group.pk, day=WORKDAY)
    bodies = [m.body for m in mailoutbox]
    assert len(bodies) == 4
    assert any("前面还有 3 位" in b for b in bodies)


def test_console_walk_in_takes_an_id_number_typed_with_spaces_or_full_width(client, clock):
    """Walked at the console: "3101 1419 …" or a full-width 身份证号 hit the 18-character limit
    and got "请完整填写申请人信息"; the number is normalised before it is checked."""
    from accounts.tests.factories import new_id_number

    h = staffed_hall()
    ticket = _take(h)[0]
    clerk = h.clerks[0]
    services.ticket_call_next(window=h.windows[0], clerk=clerk)
    number = new_id_number()
    spaced = " ".join(number[i : i + 4] for i in range(0, 18, 4))
    typed = "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) for c in spaced)
    client.force_login(clerk)
    response = client.post(
        "/hall/console/walk_in/",
        {
            "ticket": ticket.pk,
            "service": h.service.code,
            "real_name": "王五",
            "id_number": typed,
            "phone": "139 0000 1111",
            "identity_checked": "on",
        },
        follow=True,
    )
    assert "已为该号新建窗口办件" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.application is not None
    assert ticket.application.applicant.id_number_digest


def test_console_names_the_called_service_in_english_when_it_has_an_english_name(client, clock):
    h = staffed_hall()
    h.service.name_en = "Unemployment registration"
    h.service.save(update_fields=["name_en"])
    _take(h)
    client.force_login(h.clerks[0])
    assert client.get("/language/en/", {"next": "/"}).status_code == 302
    body = client.post("/hall/console/call/", follow=True).content.decode()
    assert "<span>Unemployment registration</span>" in body
    assert f"<span>{h.service.name}</span>" not in body
    assert f'<option value="{h.service.code}">Unemployment registration</option>' in body
    type(h.service).objects.filter(pk=h.service.pk).update(name_en="")
    body = client.get("/hall/console/").content.decode()
    assert f'<span lang="zh-CN">{h.service.name}</span>' in body
