"""差评 handling (回访, 整改, 申诉) and the published 好差评 statistics (docs/domain.md, 好差评)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import selectors, services
from applications.constants import CallbackMethod, RectificationKind, TicketStatus
from applications.deadlines import add_working_days
from applications.models import Application, Evaluation, NegativeTicket, TicketCallback
from applications.tests.factories import (
    ServiceFactory,
    clerk_for,
    completed_application,
    rating,
    reviewer_for,
    supervisor,
)
from config.pagecache import pagecache_forget

pytestmark = pytest.mark.django_db


def _ticket(service=None) -> NegativeTicket:
    return rating(4, service=service).ticket


def _callback(ticket, actor, **overrides):
    data = {
        "called_at": timezone.now(),
        "method": CallbackMethod.PHONE,
        "result": "已致歉并说明原因",
        "satisfied": True,
    }
    data.update(overrides)
    return services.ticket_callback_record(ticket=ticket, actor=actor, **data)


def _reload(ticket) -> NegativeTicket:
    return NegativeTicket.objects.get(pk=ticket.pk)


# --- 回访 ----------------------------------------------------------------------------------------


def test_department_records_a_call_back():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    callback = _callback(ticket, reviewer, method=CallbackMethod.SMS, satisfied=False)
    assert callback.recorded_by == reviewer and callback.method == CallbackMethod.SMS
    ticket = _reload(ticket)
    assert ticket.called_back_at == callback.called_at
    assert ticket.status == TicketStatus.OPEN  # a call back is not a state change
    event = ticket.events.get()
    assert event.action == "callback" and event.actor == reviewer
    assert "短信回访" in event.note and "仍不满意" in event.note
    # the department's own clerk may record one too; the first call back time is kept
    clerk = clerk_for(department=ticket.department)
    _callback(ticket, clerk, called_at=timezone.now() + dt.timedelta(minutes=1))
    assert _reload(ticket).called_back_at == callback.called_at
    assert ticket.callbacks.count() == 2


def test_call_back_bad_input_changes_nothing():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    cases = [
        ({"method": "email"}, "回访方式"),
        ({"result": "  "}, "回访情况"),
        ({"satisfied": None}, "是否满意"),
        ({"called_at": timezone.now() + dt.timedelta(days=1)}, "不能晚于当前时间"),
        ({"called_at": timezone.now() - dt.timedelta(days=30)}, "不能早于评价时间"),
        ({"result": "长" * 2001}, "2000"),
    ]
    for overrides, message in cases:
        with pytest.raises(ValidationError, match=message):
            _callback(ticket, reviewer, **overrides)
    assert not TicketCallback.objects.exists()
    assert _reload(ticket).called_back_at is None and not ticket.events.exists()


def test_only_the_handling_department_calls_back_and_rectifies():
    ticket = _ticket()
    other = DepartmentFactory()
    outsiders = [
        ticket.evaluation.application.applicant,
        UserFactory(),
        reviewer_for(other),
        clerk_for(department=other),
        clerk_for(),  # one-window clerk of zwfw: not the handling department
        supervisor(),  # 效能监督 reviews, it does not rectify
    ]
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            _callback(ticket, user)
        with pytest.raises(PermissionDenied):
            services.ticket_rectify(ticket=ticket, actor=user, measures="越权整改")
        with pytest.raises(PermissionDenied):
            services.ticket_appeal(ticket=ticket, actor=user, reason="越权申诉")
        with pytest.raises(PermissionDenied):
            services.ticket_plan(ticket=ticket, actor=user, measures="越权", days=10)
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.OPEN and ticket.called_back_at is None
    assert not ticket.events.exists() and not ticket.callbacks.exists()


# --- 整改 and 审核 --------------------------------------------------------------------------------


def test_simple_problem_fixed_at_once_then_confirmed():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    boss = supervisor()
    with pytest.raises(services.TransitionError, match="请先完成回访"):
        services.ticket_rectify(ticket=ticket, actor=reviewer, measures="已调整窗口排班")
    assert _reload(ticket).status == TicketStatus.OPEN
    _callback(ticket, reviewer)
    with pytest.raises(ValidationError, match="必须填写说明"):
        services.ticket_rectify(ticket=ticket, actor=reviewer, measures=" ")
    services.ticket_rectify(ticket=ticket, actor=reviewer, measures="已调整窗口排班")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.RECTIFIED
    assert ticket.rectification_kind == RectificationKind.SIMPLE
    assert ticket.measures == "已调整窗口排班"
    with pytest.raises(services.TransitionError, match="整改待审核"):
        services.ticket_rectify(ticket=ticket, actor=reviewer, measures="再交一次")
    # the department cannot confirm its own rectification
    with pytest.raises(PermissionDenied):
        services.ticket_confirm(ticket=ticket, actor=reviewer)
    services.ticket_confirm(ticket=ticket, actor=boss, note="措施到位")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.RESOLVED and ticket.handled_by == boss
    assert [e.action for e in ticket.events.all()] == ["callback", "rectify", "confirm"]
    assert [e.actor for e in ticket.events.all()] == [reviewer, reviewer, boss]
    # finished: nothing more can happen
    with pytest.raises(services.TransitionError):
        services.ticket_send_back(ticket=ticket, actor=boss, reason="改主意")
    with pytest.raises(services.TransitionError, match="处理完毕"):
        _callback(ticket, reviewer)


def test_complex_problem_gets_a_deadline_of_5_to_15_working_days():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    for days in (None, 4, 16):
        with pytest.raises(ValidationError, match="5至15个工作日"):
            services.ticket_plan(ticket=ticket, actor=reviewer, measures="优化流程", days=days)
    with pytest.raises(ValidationError, match="必须填写说明"):
        services.ticket_plan(ticket=ticket, actor=reviewer, measures="", days=10)
    assert _reload(ticket).status == TicketStatus.OPEN
    services.ticket_plan(ticket=ticket, actor=reviewer, measures="上线预约分流", days=15)
    ticket = _reload(ticket)
    rated_on = timezone.localdate(ticket.evaluation.created_at)
    assert ticket.status == TicketStatus.RECTIFYING
    assert ticket.due_date == add_working_days(rated_on, 15)
    assert ticket.rectification_kind == RectificationKind.COMPLEX
    with pytest.raises(services.TransitionError):  # planned once
        services.ticket_plan(ticket=ticket, actor=reviewer, measures="再来", days=5)
    _callback(ticket, reviewer)
    services.ticket_rectify(ticket=ticket, actor=reviewer, measures="预约分流已上线")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.RECTIFIED
    assert ticket.rectification_kind == RectificationKind.COMPLEX


def test_supervisor_sends_back_with_a_reason():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    boss = supervisor()
    _callback(ticket, reviewer)
    services.ticket_rectify(ticket=ticket, actor=reviewer, measures="已口头提醒")
    with pytest.raises(ValidationError, match="必须填写说明"):
        services.ticket_send_back(ticket=ticket, actor=boss, reason="")
    assert _reload(ticket).status == TicketStatus.RECTIFIED
    services.ticket_send_back(ticket=ticket, actor=boss, reason="请制定书面制度")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.OPEN
    assert ticket.events.last().note == "请制定书面制度"


def test_nobody_reviews_their_own_rectification():
    """A 系统管理员 holds every permission; if they rectified, another supervisor must review."""
    ticket = _ticket()
    admin = UserFactory(staff=True, roles=[Role.ADMIN], department=ticket.department)
    _callback(ticket, admin)
    services.ticket_rectify(ticket=ticket, actor=admin, measures="已整改")
    with pytest.raises(services.TransitionError, match="不能审核本人"):
        services.ticket_confirm(ticket=ticket, actor=admin)
    assert _reload(ticket).status == TicketStatus.RECTIFIED
    services.ticket_confirm(ticket=ticket, actor=supervisor())


# --- 申诉 ----------------------------------------------------------------------------------------


def test_appeal_upheld_excludes_the_rating():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    boss = supervisor()
    with pytest.raises(ValidationError, match="必须填写说明"):
        services.ticket_appeal(ticket=ticket, actor=reviewer, reason=" ")
    services.ticket_appeal(ticket=ticket, actor=reviewer, reason="评价内容与本办件无关")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.APPEALED
    with pytest.raises(services.TransitionError, match="申诉审核中"):
        services.ticket_rectify(ticket=ticket, actor=reviewer, measures="x")
    with pytest.raises(services.TransitionError, match="申诉审核中"):
        services.ticket_appeal(ticket=ticket, actor=reviewer, reason="再申诉")
    with pytest.raises(PermissionDenied):
        services.ticket_appeal_decide(ticket=ticket, actor=reviewer, uphold=True, note="自己批")
    with pytest.raises(ValidationError, match="必须填写说明"):
        services.ticket_appeal_decide(ticket=ticket, actor=boss, uphold=True, note="")
    assert not Evaluation.objects.get(pk=ticket.evaluation_id).excluded
    services.ticket_appeal_decide(ticket=ticket, actor=boss, uphold=True, note="经核实属误评")
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.UPHELD and ticket.handling_note == "经核实属误评"
    assert Evaluation.objects.get(pk=ticket.evaluation_id).excluded
    assert [(e.action, e.actor) for e in ticket.events.all()] == [
        ("appeal", reviewer),
        ("uphold", boss),
    ]


def test_appeal_rejected_goes_back_to_rectification():
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    services.ticket_appeal(ticket=ticket, actor=reviewer, reason="恶意差评")
    services.ticket_appeal_decide(
        ticket=ticket, actor=supervisor(), uphold=False, note="评价属实，请整改"
    )
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.OPEN
    assert not Evaluation.objects.get(pk=ticket.evaluation_id).excluded
    with pytest.raises(services.TransitionError, match="未知的操作"):
        services.ticket_transition(ticket=ticket, action="delete", actor=reviewer)


# --- Statistics ---------------------------------------------------------------------------------


def _statistics_data_set():
    """Department A: 4 completed, 3 rated (1, 2, 5), one 差评 called back and confirmed;
    plus an upheld 差评 that counts nowhere. Department B: 2 completed, 1 rated (4), not called
    back. One case completed last year."""
    service_a, service_b = ServiceFactory(), ServiceFactory()
    boss = supervisor()
    rating(1, service=service_a)
    rating(2, service=service_a)
    fixed = rating(5, service=service_a).ticket
    reviewer_a = reviewer_for(service_a.department)
    _callback(fixed, reviewer_a)
    services.ticket_rectify(ticket=fixed, actor=reviewer_a, measures="已整改")
    services.ticket_confirm(ticket=fixed, actor=boss)
    completed_application(service=service_a)
    wrong = rating(4, service=service_a).ticket
    services.ticket_appeal(ticket=wrong, actor=reviewer_a, reason="误评")
    services.ticket_appeal_decide(ticket=wrong, actor=boss, uphold=True, note="属实")
    rating(4, service=service_b)
    completed_application(service=service_b)
    rating(1, service=service_b, completed_at=timezone.now() - dt.timedelta(days=400))
    return service_a.department, service_b.department


def test_statistics_per_department(django_assert_max_num_queries):
    dept_a, dept_b = _statistics_data_set()
    today = timezone.localdate()
    with django_assert_max_num_queries(1):
        stats = selectors.rating_statistics(start=today - dt.timedelta(days=30), end=today)
    rows = {r["department__name"]: r for r in stats["rows"]}
    a, b = rows[dept_a.name], rows[dept_b.name]
    # the upheld 差评's case still counts as completed, its rating nowhere
    assert (a["completed"], a["rated"], a["good"], a["bad"], a["upheld"]) == (5, 3, 2, 1, 1)
    assert a["good_rate"] == 66.67 and a["rated_rate"] == 60.0
    assert a["rectified_rate"] == 100.0 and a["callback_rate"] == 100.0
    assert (b["completed"], b["rated"], b["bad"]) == (2, 1, 1)
    assert b["good_rate"] == 0.0 and b["rated_rate"] == 50.0
    assert b["rectified_rate"] == 0.0 and b["callback_rate"] == 0.0
    total = stats["total"]
    assert (total["completed"], total["rated"], total["good"], total["bad"]) == (7, 4, 2, 2)
    assert total["good_rate"] == 50.0 and total["callback_rate"] == 50.0
    # the period counts: last year's case only in a period that covers it
    old = selectors.rating_statistics(
        start=today - dt.timedelta(days=800), end=today - dt.timedelta(days=200)
    )
    assert [(r["department__name"], r["completed"], r["good_rate"]) for r in old["rows"]] == [
        (dept_b.name, 1, 100.0)
    ]
    empty = selectors.rating_statistics(start=today + dt.timedelta(days=1), end=today)
    assert empty["rows"] == [] and empty["total"]["good_rate"] is None


def test_query_count_does_not_grow_with_departments(django_assert_max_num_queries):
    for _ in range(4):
        rating(5)
    today = timezone.localdate()
    with django_assert_max_num_queries(1):
        stats = selectors.rating_statistics(start=today, end=today)
    assert len(stats["rows"]) == 4


# --- HTTP: scoping, bad input, pages ----------------------------------------------------------


def test_department_pages_are_scoped(client):
    mine, theirs = _ticket(), _ticket()
    reviewer = reviewer_for(mine.department)
    client.force_login(reviewer)
    page = client.get(reverse("applications:ticket_list"))
    assert page.status_code == 200
    assert mine.evaluation.number in page.text and theirs.evaluation.number not in page.text
    assert client.get(reverse("applications:ticket_detail", args=[mine.pk])).status_code == 200
    # another department's ticket: 404 everywhere, nothing changed
    assert client.get(reverse("applications:ticket_detail", args=[theirs.pk])).status_code == 404
    act = reverse("applications:ticket_act", args=[theirs.pk])
    for data in [
        {"action": "callback", "called_at": "2026-01-05T10:00", "method": "phone", "result": "x"},
        {"action": "rectify", "measures": "越权"},
        {"action": "appeal", "reason": "越权"},
    ]:
        assert client.post(act, data).status_code == 404
    # nor may a department reach the supervisor's pages
    assert client.get(reverse("supervision:ticket", args=[mine.pk])).status_code == 403
    response = client.post(reverse("supervision:ticket_act", args=[mine.pk]), {"action": "confirm"})
    assert response.status_code == 403
    theirs = _reload(theirs)
    assert theirs.status == TicketStatus.OPEN and not theirs.events.exists()


def test_citizens_and_anonymous_cannot_reach_ticket_pages(client):
    ticket = _ticket()
    urls = [
        reverse("applications:ticket_list"),
        reverse("applications:ticket_detail", args=[ticket.pk]),
        reverse("supervision:ticket", args=[ticket.pk]),
    ]
    posts = [
        (reverse("applications:ticket_act", args=[ticket.pk]), {"action": "appeal", "reason": "x"}),
        (
            reverse("supervision:ticket_act", args=[ticket.pk]),
            {"action": "uphold", "note": "x"},
        ),
    ]
    for url in urls:
        assert client.get(url).status_code == 302, url
    for user in [ticket.evaluation.application.applicant, UserFactory(business=True)]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        for url, data in posts:
            assert client.post(url, data).status_code == 403, url
    # a supervisor without a department role is not the handling department
    client.force_login(supervisor())
    assert client.get(reverse("applications:ticket_list")).status_code == 403
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.OPEN and not ticket.events.exists()


def test_department_workflow_over_http(client):
    ticket = _ticket()
    reviewer = reviewer_for(ticket.department)
    client.force_login(reviewer)
    act = reverse("applications:ticket_act", args=[ticket.pk])
    # bad input: clear messages, nothing recorded
    response = client.post(
        act, {"action": "callback", "called_at": "2026-13-40T99:00", "method": "phone"}, follow=True
    )
    assert "回访时间格式不正确" in response.text and "请填写回访情况" in response.text
    response = client.post(act, {"action": "rectify", "measures": "已整改"}, follow=True)
    assert "请先完成回访" in response.text
    response = client.post(act, {"action": "plan", "measures": "改流程", "days": "30"}, follow=True)
    assert "不能超过15个工作日" in response.text
    assert _reload(ticket).status == TicketStatus.OPEN and not ticket.callbacks.exists()
    called_at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        act,
        {
            "action": "callback",
            "called_at": called_at,
            "method": "phone",
            "result": "已致歉",
            "satisfied": "yes",
        },
        follow=True,
    )
    assert "回访情况已记录" in response.text and "已致歉" in response.text
    response = client.post(
        act, {"action": "plan", "measures": "预约分流", "days": "8"}, follow=True
    )
    assert "限期整改中" in response.text
    response = client.post(act, {"action": "rectify", "measures": "已上线"}, follow=True)
    assert "等待效能监督审核" in response.text
    ticket = _reload(ticket)
    assert ticket.status == TicketStatus.RECTIFIED and ticket.callbacks.get().satisfied
    # 效能监督 confirms from the ledger
    client.force_login(supervisor())
    ledger = client.get("/supervision/ratings/?status=rectified")
    assert reverse("supervision:ticket", args=[ticket.pk]) in ledger.text
    response = client.post(
        reverse("supervision:ticket_act", args=[ticket.pk]),
        {"action": "confirm"},
        follow=True,
    )
    assert "整改已审核通过" in response.text
    assert _reload(ticket).status == TicketStatus.RESOLVED


def test_overdue_tickets_are_highlighted(client):
    ticket = _ticket()
    NegativeTicket.objects.filter(pk=ticket.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(reviewer_for(ticket.department))
    assert "已超期" in client.get(reverse("applications:ticket_list")).text
    client.force_login(supervisor())
    assert "已超期" in client.get("/supervision/ratings/").text


def test_public_ratings_page_has_constant_queries(client, django_assert_max_num_queries):
    # (效能监督's ledger page is covered in supervision/tests/test_moved_from_applications.py)
    for _ in range(3):
        _ticket()
    with django_assert_max_num_queries(8) as public:
        client.get("/ratings/")
    for _ in range(2):
        rating(1)
    with django_assert_max_num_queries(len(public.captured_queries)):
        client.get("/ratings/")


def test_public_ratings_page(client):
    dept_a, _dept_b = _statistics_data_set()
    response = client.get("/ratings/")
    assert response.status_code == 200
    assert dept_a.name in response.text and "66.67%" in response.text
    assert "窗口等待太久" not in response.text  # no rating texts, no names
    assert "测试用户" not in response.text
    # cached for anonymous traffic: a new rating shows after the cache entry expires
    rating(1, service=ServiceFactory(department=dept_a))
    assert "66.67%" in client.get("/ratings/").text
    cache.clear()
    pagecache_forget()  # the page's per-process copy expires with the statistics
    assert "75.0%" in client.get("/ratings/").text
    response = client.get("/ratings/?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200 and "截止日期不能早于起始日期" in response.text
    response = client.get("/ratings/?start=bad&end=2026-01-01")
    assert "请输入有效日期" in response.text


def test_demo_has_waiting_tickets_and_loads_idempotently():
    from accounts import demo as accounts_demo
    from applications import demo
    from services_catalog import demo as catalogue_demo

    accounts_demo.load()
    catalogue_demo.load()
    demo.load()
    counts = (Application.objects.count(), NegativeTicket.objects.count())
    statuses = set(NegativeTicket.objects.values_list("status", flat=True))
    assert {TicketStatus.OPEN, TicketStatus.RECTIFIED} <= statuses
    waiting = NegativeTicket.objects.get(status=TicketStatus.OPEN)
    assert waiting.department.code == "rsj" and waiting.called_back_at is None
    demo.load()
    assert (Application.objects.count(), NegativeTicket.objects.count()) == counts
