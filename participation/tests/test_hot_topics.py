"""Hot topics are counted once per appeal as it arrives; published answers carry no personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from participation.appeals import hot, services
from participation.appeals.models import Appeal
from participation.selectors import department_stats, hot_topics
from participation.tests.factories import appeal_input

pytestmark = pytest.mark.django_db


def test_counters_grow_with_each_appeal_and_a_rerun_counts_nothing(
    loop, django_capture_on_commit_callbacks
):
    for i in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.appeal_submit(
                data=appeal_input(), actor=loop["citizen"], submission_key=f"h{i}"
            )
    month = hot_topics(period="month")
    assert month["category"][0] == {"key": "市场监管", "count": 3, "change": 3}
    assert any(row["key"] == "过期" for row in month["keyword"])
    by_region = hot_topics(period="week", region_code="310114")
    assert by_region["category"][0]["count"] == 3
    assert hot.hot_topics_count_appeal(appeal_id=Appeal.objects.first().pk) is False
    assert hot_topics(period="month")["category"][0]["count"] == 3


def test_published_answer_shows_no_personal_data(client, loop):
    appeal = services.appeal_submit(
        data=appeal_input(
            subject="电话13812345678的商户",
            publish_consent=True,
            description="身份证310114198503152317的人反映。",
        ),
        actor=loop["citizen"],
    )
    staff, operator = loop["market_staff"], loop["operator"]
    services.appeal_take(appeal=appeal, actor=staff)
    services.appeal_answer(appeal=appeal, actor=staff, answer="已联系13812345678核实并处理。")
    services.appeal_callback(appeal=appeal, actor=operator, satisfaction="satisfied")
    services.appeal_publish_answer(appeal=appeal, actor=operator)
    page = client.get(reverse("participation:published_answers")).content.decode()
    assert "已联系138****5678核实并处理" in page
    for secret in ("13812345678", "张伟", "13800138001", "310114198503152317"):
        assert secret not in page


def test_answer_without_consent_cannot_be_published(loop):
    from participation.appeals.transitions import TransitionError

    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    services.appeal_take(appeal=appeal, actor=loop["market_staff"])
    services.appeal_answer(appeal=appeal, actor=loop["market_staff"], answer="已处理")
    services.appeal_callback(appeal=appeal, actor=loop["operator"], satisfaction="satisfied")
    with pytest.raises(TransitionError, match="未同意公开"):
        services.appeal_publish_answer(appeal=appeal, actor=loop["operator"])


def test_department_stats_count_volume_returns_and_satisfaction(loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    services.appeal_take(appeal=appeal, actor=loop["market_staff"])
    services.appeal_answer(appeal=appeal, actor=loop["market_staff"], answer="已处理")
    services.appeal_callback(appeal=appeal, actor=loop["operator"], satisfaction="satisfied")
    other = services.appeal_submit(data=appeal_input(), actor=loop["citizen"], submission_key="o")
    services.appeal_return(appeal=other, actor=loop["market_staff"], reason="不归本局")
    row = next(r for r in department_stats() if r["department_id"] == loop["market"].pk)
    assert row["volume"] == 2 and row["returns"] == 1
    assert row["on_time_rate"] == 1.0 and row["satisfaction_rate"] == 1.0


def test_catch_up_beat_counts_lost_tasks_once(loop):
    """A counting task lost with the broker: the beat counts the appeal once it has settled."""
    import datetime as dt

    from django.utils import timezone

    from participation.appeals.tasks import hot_topics_catch_up

    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])  # not executed
    assert hot_topics(period="month")["category"] == []
    assert hot_topics_catch_up() == 0  # too fresh: its own task may still be on its way
    Appeal.objects.filter(pk=appeal.pk).update(created_at=timezone.now() - dt.timedelta(minutes=6))
    assert hot_topics_catch_up() == 1
    assert hot_topics_catch_up() == 0
    assert hot_topics(period="month")["category"][0]["count"] == 1
