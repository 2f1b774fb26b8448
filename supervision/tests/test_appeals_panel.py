"""The supervision dashboard shows 12345 appeals: per department volume, on-time answers,
satisfaction and returns, and the month's and week's hot topics (rising categories and
keywords per region) with the data for the word cloud, read from the incremental counters."""

from __future__ import annotations

import json

import pytest

from applications.tests.factories import supervisor
from participation.appeals import services
from participation.appeals.models import HotTopicCount
from participation.tests.factories import appeal_input, setup_loop
from supervision.tests.factories import department_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeals(django_capture_on_commit_callbacks):
    loop = setup_loop()
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.appeal_submit(
            data=appeal_input(), actor=loop["citizen"], submission_key="a1"
        )
        returned = services.appeal_submit(
            data=appeal_input(subject="商场电梯故障无人维修"),
            actor=loop["citizen"],
            submission_key="a2",
        )
    staff = loop["market_staff"]
    services.appeal_take(appeal=answered, actor=staff)
    services.appeal_answer(appeal=answered, actor=staff, answer="已查处。")
    services.appeal_callback(appeal=answered, actor=loop["operator"], satisfaction="satisfied")
    services.appeal_return(appeal=returned, actor=staff, reason="不属本局职责")
    return loop


def _page(client, user, query=""):
    client.force_login(user)
    response = client.get(f"/supervision/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_supervisor_sees_appeals_per_department_and_hot_topics(client, appeals):
    text = _page(client, supervisor())
    assert "12345 诉求：各部门办理情况" in text and "热点诉求" in text
    panel = text[text.index('class="appeal-figures"') :]
    row = panel[panel.index("市场监管局") : panel.index("</tr>", panel.index("市场监管局"))]
    cells = [c.split("<")[0] for c in row.split("<td>")[1:]]
    # volume 2, answered 1, on time 100%, satisfied 100%, returns 1, overdue 0
    assert cells == ["2", "1", "100.0%", "100.0%", "1", "0"]
    hot = text[text.index('id="hot-topics"') :]
    assert "市场监管" in hot and "↑2" in hot  # the category rose from 0 to 2 this month
    assert 'data-chart="hotwords"' in hot
    assert "echarts-wordcloud.min.js" in text and "<script>" not in text  # strict CSP
    charts = json.loads(
        text.split('id="chart-data" type="application/json">')[1].split("</script>")[0]
    )
    words = {w["name"]: w["value"] for w in charts["hotwords"]["words"]}
    assert charts["hotwords"]["type"] == "wordcloud" and words.get("过期") == 1


def test_hot_topics_per_region_and_week_and_bad_parameters(client, appeals):
    user = supervisor()
    week = _page(client, user, "?hot=week&region=310114")
    assert '<option value="310114" selected>' in week and "市场监管" in week
    other = _page(client, user, "?hot=month&region=310101")
    assert "该周期该区域没有诉求。" in other
    forged = _page(client, user, "?hot=<script>&region=999999")  # ignored, never a 500
    assert '<option value="month" selected>' in forged and "<script>alert" not in forged


def test_the_panel_reads_the_counters_not_the_appeals(client, appeals):
    """Hot topics are not recomputed per request: change a counter and the page follows it."""
    HotTopicCount.objects.filter(kind="category", region_code="*", period="month").update(count=41)
    text = _page(client, supervisor())
    hot = text[text.index('id="hot-topics"') :]
    assert "<strong>41</strong>" in hot


def test_department_head_sees_only_own_department_appeals(client, appeals):
    head = department_head(appeals["housing"])
    text = _page(client, head)
    panel = text[text.index('class="appeal-figures"') : text.index('id="hot-topics"')]
    assert "市场监管局" not in panel and "该期间没有派单的诉求。" in panel
