"""The closed loop from the services' side: every step recorded on the timeline and the work record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from participation.appeals import services
from participation.appeals.constants import State
from participation.appeals.models import Appeal, AppealEvent
from participation.appeals.transitions import TransitionError
from participation.tests.factories import appeal_input

pytestmark = pytest.mark.django_db


def _work_record_actions(appeal):
    from worklog.models import WorkRecord

    return list(
        WorkRecord.objects.filter(target_id=str(appeal.pk), target_type="participation.appeal")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_full_loop_with_return_reassign_reopen(loop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    # 受理 then 派单 by the catalogue, and a receipt by e-mail.
    assert appeal.state == State.DISPATCHED and appeal.department == loop["market"]
    assert appeal.due_date is not None
    assert any(appeal.number in m.subject for m in mail.outbox)

    services.appeal_return(appeal=appeal, actor=loop["market_staff"], reason="属于住建委职责")
    assert appeal.state == State.RETURN_REQUESTED
    services.appeal_reassign(
        appeal=appeal, actor=loop["operator"], department=loop["housing"], reason="确属住建委"
    )
    assert appeal.department == loop["housing"]
    services.appeal_take(appeal=appeal, actor=loop["housing_staff"])
    services.appeal_answer(appeal=appeal, actor=loop["housing_staff"], answer="已责令整改。")
    services.appeal_callback(appeal=appeal, actor=loop["operator"], satisfaction="unsatisfied")
    assert appeal.state == State.CALLED_BACK
    services.appeal_reopen(appeal=appeal, actor=loop["citizen"], reason="问题没有解决")
    assert appeal.state == State.HANDLING and appeal.department == loop["housing"]
    services.appeal_answer(appeal=appeal, actor=loop["housing_staff"], answer="已再次整改并复查。")
    services.appeal_callback(appeal=appeal, actor=loop["operator"], satisfaction="satisfied")
    assert appeal.state == State.CLOSED

    actions = list(appeal.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "dispatch",
        "return",
        "reassign",
        "take",
        "answer",
        "callback",
        "reopen",
        "answer",
        "callback",
        "close",
    ]
    assert _work_record_actions(appeal) == [f"participation.appeal_{a}" for a in actions]


def test_reopen_only_once(loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    staff = loop["market_staff"]
    services.appeal_take(appeal=appeal, actor=staff)
    for _ in range(2):
        services.appeal_answer(appeal=appeal, actor=staff, answer="答复")
        services.appeal_callback(appeal=appeal, actor=loop["operator"], satisfaction="unsatisfied")
        if appeal.reopen_count == 0:
            services.appeal_reopen(appeal=appeal, actor=loop["citizen"], reason="不满意")
    with pytest.raises(TransitionError, match="已重办过一次"):
        services.appeal_reopen(appeal=appeal, actor=loop["citizen"], reason="还是不满意")


def test_return_after_window_is_refused_with_reason(loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    Appeal.objects.filter(pk=appeal.pk).update(dispatched_at=timezone.now() - dt.timedelta(days=14))
    with pytest.raises(TransitionError, match="已超过退单时限"):
        services.appeal_return(appeal=appeal, actor=loop["market_staff"], reason="不归我们管")
    appeal.refresh_from_db()
    assert appeal.state == State.DISPATCHED and appeal.returns_count == 0
    assert not appeal.events.filter(action="return").exists()


def test_other_department_cannot_act(loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    with pytest.raises(TransitionError):
        services.appeal_take(appeal=appeal, actor=loop["housing_staff"])


def test_operator_override_needs_reason(loop):
    data = appeal_input()
    appeal = services.appeal_submit(data=data, actor=loop["operator"], channel="hotline")
    assert appeal.state == State.ACCEPTED and appeal.intake_operator == loop["operator"]
    with pytest.raises(TransitionError, match="调整理由"):
        services.appeal_dispatch(appeal=appeal, actor=loop["operator"], department=loop["housing"])
    services.appeal_dispatch(
        appeal=appeal, actor=loop["operator"], department=loop["housing"], reason="涉及住宅小区"
    )
    assert appeal.department == loop["housing"]


def test_clock_pauses_while_waiting_for_reporter(loop, monkeypatch):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    services.appeal_take(appeal=appeal, actor=loop["market_staff"])
    due = appeal.due_date
    services.appeal_ask_reporter(appeal=appeal, actor=loop["market_staff"], reason="请补充地址")
    Appeal.objects.filter(pk=appeal.pk).update(
        paused_on=timezone.localdate() - dt.timedelta(days=7)
    )
    services.appeal_reporter_reply(appeal=appeal, actor=loop["citizen"], text="城中路1号")
    assert appeal.due_date > due and appeal.paused_on is None


def test_overdue_gets_red_flag_and_one_system_supervision(loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    Appeal.objects.filter(pk=appeal.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    services.appeals_flag_deadlines()
    services.appeals_flag_deadlines()
    appeal.refresh_from_db()
    assert appeal.due_flag == "overdue" and appeal.supervised_at is not None
    assert AppealEvent.objects.filter(appeal=appeal, action="supervise").count() == 1


def test_merge_sends_updates_to_every_reporter(loop, django_capture_on_commit_callbacks):
    first = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    second = (
        services.appeal_submit(
            data=appeal_input(reporter_email="li@example.cn", reporter_phone="13800138002"),
            actor=None,
            submission_key="second",
        )
        if False
        else None
    )
    from participation.tests.factories import citizen

    other = citizen()
    second = services.appeal_submit(
        data=appeal_input(
            reporter_email="li@example.cn",
            reporter_phone="13800138002",
            subject="超市卖过期食品",
            description="嘉定区超市的酸奶过期了还在卖，请查处。",
        ),
        actor=other,
    )
    from participation.appeals.selectors import duplicate_candidates

    assert first.pk in [c.appeal.pk for c in duplicate_candidates(appeal=second)]
    services.appeal_merge(
        duplicate=second, primary=first, actor=loop["operator"], reason="同一超市"
    )
    assert second.state == State.MERGED and second.merged_into == first
    mail.outbox.clear()
    services.appeal_take(appeal=first, actor=loop["market_staff"])
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_answer(appeal=first, actor=loop["market_staff"], answer="已查处。")
    recipients = {r for m in mail.outbox for r in m.to}
    assert {"zhang@example.cn", "li@example.cn"} <= recipients


def test_policy_question_becomes_a_consult_appeal_with_the_issuing_department(loop):
    from accounts.tests.factories import UserFactory
    from participation.services import appeal_from_policy_question

    agent = UserFactory(business=True, phone="13800138003")
    appeal = appeal_from_policy_question(
        asker=agent,
        department=loop["housing"],
        policy_title="小微企业房租减免",
        question="我公司租用国有房屋，能否享受三个月房租减免？",
        reference="q-1",
    )
    again = appeal_from_policy_question(
        asker=agent,
        department=loop["housing"],
        policy_title="小微企业房租减免",
        question="我公司租用国有房屋，能否享受三个月房租减免？",
        reference="q-1",
    )
    assert again.pk == appeal.pk
    assert appeal.appeal_type == "consult" and appeal.channel == "policy_qa"
    assert appeal.state == State.DISPATCHED and appeal.department == loop["housing"]
    services.appeal_take(appeal=appeal, actor=loop["housing_staff"])
    services.appeal_answer(appeal=appeal, actor=loop["housing_staff"], answer="可以享受。")
    assert appeal.state == State.ANSWERED
