"""The dashboard's 12345 figures come from a daily rollup (plus today's appeals, live), and they
are exactly the figures a direct aggregation over the appeals gives: over several days and
departments, with answers on time and late, returns, 重办, 并单, overdue flags, answers coming
days after the appeal was received, and days never rolled up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from applications.tests.factories import supervisor
from participation.appeals import services
from participation.appeals.constants import AppealType, State
from participation.appeals.dispatch import appeal_reassign, appeal_return
from participation.appeals.models import Appeal, AppealEvent
from participation.selectors import department_stats
from participation.tests.factories import CategoryFactory, appeal_input, setup_loop
from supervision import tasks
from supervision.appeals import appeal_department_stats
from supervision.models import AppealRollup, RollupState
from supervision.periods import Period
from supervision.rollups import rollups_rebuild, rollups_refresh

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today():
    """ "Today" as of each test, not as of collection: the suite runs for twenty minutes and a
    module-level date went stale when a CI run crossed midnight in Beijing."""
    global TODAY
    TODAY = timezone.localdate()


def _at(days_ago: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(hour, minute), tz)


def _received(appeal: Appeal, when: dt.datetime) -> None:
    """Move an appeal (and its steps so far) to the day it was received."""
    Appeal.objects.filter(pk=appeal.pk).update(created_at=when)
    AppealEvent.objects.filter(appeal=appeal).update(created_at=when)


class Loop:
    def __init__(self, loop, capture):
        self.loop, self.capture, self.n = loop, capture, 0

    def submit(self, days_ago: int, hour: int = 10, minute: int = 0, **data) -> Appeal:
        self.n += 1
        with self.capture(execute=True):
            appeal = services.appeal_submit(
                data=appeal_input(**data), actor=self.loop["citizen"], submission_key=f"r{self.n}"
            )
        _received(appeal, _at(days_ago, hour, minute))
        appeal.refresh_from_db()
        return appeal

    def answer(self, appeal: Appeal, *, staff=None) -> Appeal:
        staff = staff or self.loop["market_staff"]
        services.appeal_take(appeal=appeal, actor=staff)
        services.appeal_answer(appeal=appeal, actor=staff, answer="已处理。")
        appeal.refresh_from_db()
        return appeal

    def callback(self, appeal: Appeal, satisfaction: str) -> Appeal:
        services.appeal_callback(
            appeal=appeal, actor=self.loop["operator"], satisfaction=satisfaction
        )
        appeal.refresh_from_db()
        return appeal


@pytest.fixture
def history(django_capture_on_commit_callbacks):
    loop = setup_loop()
    w = Loop(loop, django_capture_on_commit_callbacks)
    # six days ago: answered on time and satisfied (closed); a 咨询 answered late
    w.callback(w.answer(w.submit(6)), "satisfied")
    late = w.submit(6, hour=23, minute=50, appeal_type=AppealType.CONSULT)  # near midnight
    Appeal.objects.filter(pk=late.pk).update(due_date=TODAY - dt.timedelta(days=5))
    w.callback(w.answer(late), "basic")
    # five days ago: unsatisfied, reopened (重办) and still being handled; one returned (退单)
    # and reassigned to the other department, which answers it
    reopened = w.callback(w.answer(w.submit(5, hour=0, minute=5)), "unsatisfied")
    services.appeal_reopen(appeal=reopened, actor=loop["operator"], reason="问题仍未解决")
    returned = w.submit(5, appeal_type=AppealType.SUGGESTION)
    appeal_return(appeal=returned, actor=loop["market_staff"], reason="不属本局职责")
    appeal_reassign(
        appeal=returned, actor=loop["operator"], department=loop["housing"], reason="住建委承办"
    )
    w.answer(returned, staff=loop["housing_staff"])
    # four days ago: a duplicate merged (并单) into an open appeal that is now overdue
    primary = w.submit(4)
    duplicate = w.submit(4, subject="超市酸奶过期仍在卖")
    services.appeal_merge(
        duplicate=duplicate, primary=primary, actor=loop["operator"], reason="同一事项"
    )
    Appeal.objects.filter(pk=primary.pk).update(due_date=TODAY - dt.timedelta(days=1))
    services.appeal_take(appeal=primary, actor=loop["market_staff"])
    services.appeals_flag_deadlines()
    # two days ago, yesterday and today: open ones of several types
    w.submit(2, appeal_type=AppealType.HELP)
    w.submit(1, hour=23, minute=59)
    w.submit(0, hour=0, minute=1)
    w.answer(w.submit(0))
    # a 咨询 the centre answered itself, with no department: counted nowhere
    CategoryFactory(code="policy", name="政策咨询")
    direct = w.submit(3, appeal_type=AppealType.CONSULT, category_code="policy")
    services.appeal_answer_direct(appeal=direct, actor=loop["operator"], answer="请见政策原文。")
    return {**loop, "w": w, "primary": primary, "reopened": reopened}


def _period(first: int, last: int = 0) -> Period:
    return Period(start=TODAY - dt.timedelta(days=first), end=TODAY - dt.timedelta(days=last))


def _direct(period: Period, department_id: int | None = None) -> dict:
    since, until = period.bounds()
    rows = department_stats(since=since, until=until, department_id=department_id)
    return {r["department_id"]: r for r in rows}


def _rolled(period: Period, department_id: int | None = None) -> dict:
    rows = appeal_department_stats(period=period, department_id=department_id)
    return {r["department_id"]: r for r in rows}


def _assert_same(loop) -> None:
    for period in (_period(10), _period(6, 4), _period(5, 1), _period(0), _period(3, 3)):
        assert _rolled(period) == _direct(period), period
        for department in (loop["market"], loop["housing"]):
            assert _rolled(period, department.pk) == _direct(period, department.pk), period


def test_rollup_gives_the_direct_aggregation_over_days_departments_and_edge_cases(history):
    rollups_rebuild(start=TODAY - dt.timedelta(days=10), end=TODAY)
    assert AppealRollup.objects.filter(day__lt=TODAY).exists()
    whole = _direct(_period(10))
    market, housing = whole[history["market"].pk], whole[history["housing"].pk]
    # the data covers what it claims: late answers, returns, overdue, ratings, two departments
    assert market["answered"] > market["on_time"] and market["overdue"] == 1
    assert market["rated"] == 2 and market["satisfied"] == 2  # the reopened one lost its rating
    assert housing["returns"] == 1 and housing["answered"] == 1
    assert {r.appeal_type for r in AppealRollup.objects.all()} >= {"complaint", "consult"}
    _assert_same(history)


def test_rollup_follows_appeals_answered_days_after_they_were_received(history):
    rollups_rebuild(start=TODAY - dt.timedelta(days=10), end=TODAY)
    # after the rebuild: the reopened appeal (received five days ago) is answered again, the
    # overdue one too, and an old closed appeal gets nothing new
    services.appeal_answer(
        appeal=history["reopened"], actor=history["market_staff"], answer="已再次处理。"
    )
    services.appeal_answer(appeal=history["primary"], actor=history["market_staff"], answer="好")
    services.appeals_flag_deadlines()
    stale = _rolled(_period(10))
    assert stale != _direct(_period(10))  # the rows are as of the last refresh
    assert tasks.rollups_refresh() == 2  # the beat task: recent days + the unsettled ones
    _assert_same(history)
    tasks.rollups_refresh()  # idempotent
    _assert_same(history)


def test_days_never_rolled_up_are_read_live(history):
    rollups_rebuild(start=TODAY - dt.timedelta(days=3), end=TODAY)
    RollupState.objects.filter(day=TODAY - dt.timedelta(days=1)).update(appeals_computed_at=None)
    AppealRollup.objects.filter(day=TODAY - dt.timedelta(days=1)).update(volume=999)
    _assert_same(history)


def test_past_days_are_read_from_the_rollup_not_the_appeals(history):
    rollups_rebuild(start=TODAY - dt.timedelta(days=10), end=TODAY)
    row = AppealRollup.objects.filter(day=TODAY - dt.timedelta(days=6)).first()
    AppealRollup.objects.filter(pk=row.pk).update(volume=row.volume + 100)
    assert (
        _rolled(_period(10))[row.department_id]["volume"]
        == _direct(_period(10))[row.department_id]["volume"] + 100
    )
    # today is live: a new appeal shows at once, without a refresh
    before = _rolled(_period(0))[history["market"].pk]["volume"]
    history["w"].submit(0)
    assert _rolled(_period(0))[history["market"].pk]["volume"] == before + 1


def test_supervisor_dashboard_shows_the_rolled_up_figures(client, history):
    rollups_refresh()
    rollups_rebuild(start=TODAY - dt.timedelta(days=10), end=TODAY)
    client.force_login(supervisor())
    start = (TODAY - dt.timedelta(days=10)).isoformat()
    text = client.get(f"/supervision/?start={start}&end={TODAY.isoformat()}").content.decode()
    panel = text[text.index('class="appeal-figures"') :]
    row = panel[panel.index("住建委") : panel.index("</tr>", panel.index("住建委"))]
    cells = [c.split("<")[0] for c in row.split("<td>")[1:]]
    # volume 1, answered 1, on time 100%, no rating, returned once, not overdue
    assert cells[:2] == ["1", "1"] and cells[4:] == ["1", "0"]
    assert Appeal.objects.filter(state=State.MERGED).count() == 1
