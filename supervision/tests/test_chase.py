"""督办: a supervisor issues a formal chase with a deadline; it is recorded and shown on the case
until the holder answers it; bad input changes nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import DepartmentFactory
from applications.tests.factories import reviewer_for, supervisor
from supervision.constants import ACTION_CHASE_ANSWER, ACTION_CHASE_ISSUE
from supervision.models import Chase
from supervision.tests.factories import case_in_review, department_head, make_late
from worklog.selectors import records_for_actor

pytestmark = pytest.mark.django_db


def _actions(user) -> list[str]:
    """The user's recorded actions other than signing in (worklog records every staff login)."""
    return [r.action for r in records_for_actor(actor=user) if r.action != "accounts.login"]


def _due(days=3) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_issue_show_and_answer(client, django_capture_on_commit_callbacks):
    app, holder = case_in_review()
    make_late(app)
    head = department_head(app.department)
    boss = supervisor()
    client.force_login(boss)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/supervision/cases/{app.pk}/chase/",
            {"message": "请说明超期原因并于三日内办结", "due_date": _due()},
            follow=True,
        )
    assert "督办已发出" in response.content.decode()
    chase = Chase.objects.get()
    assert chase.holder == holder and chase.issued_by == boss
    assert {m.to[0] for m in mail.outbox} == {holder.email, head.email}
    assert _actions(boss) == [ACTION_CHASE_ISSUE]
    # the holder sees it on the case and in 我的工作记实, and answers it
    client.force_login(holder)
    assert "请说明超期原因" in client.get("/supervision/me/").content.decode()
    page = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    assert "督办中" in page and "答复督办" in page
    response = client.post(
        f"/supervision/chases/{chase.pk}/answer/", {"answer": "材料已补齐，今日办结"}, follow=True
    )
    assert "已答复督办" in response.content.decode()
    chase.refresh_from_db()
    assert chase.answered_by == holder and chase.answer == "材料已补齐，今日办结"
    assert _actions(holder) == [ACTION_CHASE_ANSWER]
    record = client.get("/supervision/me/").content.decode()
    assert "收到督办" in record and "答复督办" in record
    page = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    assert "督办中" not in page and "材料已补齐" in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({"message": "", "due_date": "TOMORROW"}, "请填写督办事项"),
        ({"message": "请办结", "due_date": "2026-02-30"}, "答复期限格式不正确"),
        ({"message": "请办结", "due_date": ""}, "请填写答复期限"),
        ({"message": "请办结", "due_date": "2000-01-01"}, "不能早于今天"),
        ({"message": "请办结", "due_date": "PLUS60"}, "不能超过 30 天"),
        ({"message": "   ", "due_date": "TOMORROW"}, "请填写督办事项"),
    ],
)
def test_bad_chase_input_changes_nothing(client, data, message):
    app, _ = case_in_review()
    data = dict(data)
    data["due_date"] = {"TOMORROW": _due(1), "PLUS60": _due(60)}.get(
        data["due_date"], data["due_date"]
    )
    client.force_login(supervisor())
    response = client.post(f"/supervision/cases/{app.pk}/chase/", data, follow=True)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Chase.objects.exists()


def test_one_open_chase_per_case_and_only_supervisors_issue(client):
    app, _holder = case_in_review()
    client.force_login(supervisor())
    client.post(f"/supervision/cases/{app.pk}/chase/", {"message": "一", "due_date": _due()})
    response = client.post(
        f"/supervision/cases/{app.pk}/chase/", {"message": "二", "due_date": _due()}, follow=True
    )
    assert "尚未答复的督办" in response.content.decode()
    assert Chase.objects.count() == 1
    client.force_login(department_head(app.department))
    response = client.post(
        f"/supervision/cases/{app.pk}/chase/", {"message": "三", "due_date": _due()}
    )
    assert response.status_code == 403 and Chase.objects.count() == 1


def test_only_the_holder_or_the_head_answers(client):
    app, holder = case_in_review()
    client.force_login(supervisor())
    client.post(f"/supervision/cases/{app.pk}/chase/", {"message": "请办结", "due_date": _due()})
    chase = Chase.objects.get()
    url = f"/supervision/chases/{chase.pk}/answer/"
    client.force_login(reviewer_for(app.department))  # a colleague, not the holder
    assert client.post(url, {"answer": "x"}).status_code == 404
    client.force_login(reviewer_for(DepartmentFactory()))
    assert client.post(url, {"answer": "x"}).status_code == 404
    client.force_login(supervisor())  # the issuer does not answer their own chase
    assert client.post(url, {"answer": "x"}).status_code == 403
    client.force_login(holder)
    response = client.post(url, {"answer": "  "}, follow=True)
    assert "请填写答复内容" in response.content.decode()
    chase.refresh_from_db()
    assert chase.answered_at is None
    client.force_login(department_head(app.department))
    client.post(url, {"answer": "已安排专人办理"})
    chase.refresh_from_db()
    assert chase.answer == "已安排专人办理"
    client.force_login(holder)
    response = client.post(url, {"answer": "再答一次"}, follow=True)
    assert "该督办已经答复" in response.content.decode()
