"""What one web submission costs (issue 15: >= 100 a second on 2 cores), and the rules its
shortcuts keep: one follow-up task after commit, a taken number drawn again. The catalogue
kept per process: test_catalogue.py."""

from __future__ import annotations

import pytest
from django.core import mail

from participation.appeals import intake
from participation.appeals.models import Appeal, AppealEvent
from participation.tests.factories import appeal_input, setup_loop

pytestmark = pytest.mark.django_db

NEW = "/appeals/new/"


@pytest.fixture
def loop():
    return setup_loop()


def _form(**overrides):
    data = {
        "appeal_type": "consult",
        "category": "market",
        "subject": "小区门口夜间施工噪音扰民",
        "description": "城中路1号附近夜间施工噪音扰民，已持续一周，希望尽快处理。",
        "region_code": "310114",
        "reporter_name": "王先生",
        "reporter_phone": "13912345678",
        "submission_key": "cost-1",
    }
    data.update(overrides)
    return data


def test_one_follow_up_task_sends_both_notices_and_counts_the_hot_topic(
    loop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        appeal = intake.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    assert len(callbacks) == 1
    appeal.refresh_from_db()
    assert appeal.hot_counted
    assert {n.event.split(":")[0] for n in appeal.notifications.all()} >= {"submit", "dispatch"}
    assert any(appeal.number in m.subject for m in mail.outbox)


def test_a_number_already_taken_is_drawn_again(loop, monkeypatch):
    first = intake.appeal_submit(data=appeal_input(), actor=loop["citizen"], submission_key="a")
    draws = iter([first.number, "20260101123456"])
    monkeypatch.setattr(intake, "_new_number", lambda today: next(draws))
    second = intake.appeal_submit(data=appeal_input(), actor=loop["citizen"], submission_key="b")
    assert second.number == "20260101123456"
    assert AppealEvent.objects.filter(appeal=second).count() == 2
    assert Appeal.objects.count() == 2
