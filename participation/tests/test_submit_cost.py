"""What one web submission costs (issue 15: >= 100 a second on 2 cores), and the rules its
shortcuts keep: one follow-up task after commit, a taken number drawn again, a receipt without
a session. The catalogue kept per process: test_catalogue.py."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from participation.appeals import intake
from participation.appeals.constants import State
from participation.appeals.models import Appeal, AppealEvent
from participation.tests.factories import appeal_input, web_form
from worklog.models import WorkRecord
from worklog.services import record_action

pytestmark = pytest.mark.django_db

NEW = "/appeals/new/"
RECEIPT = "/appeals/receipt/"


def _form(**overrides):
    return web_form(**{"submission_key": "cost-1", **overrides})


def _work_record_statements(target) -> int:
    """What one work record costs (worklog's business, measured rather than assumed)."""
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        record_action(actor=None, action="participation.probe", label="probe", target=target)
    return sum(not q["sql"].startswith(("SAVEPOINT", "RELEASE")) for q in captured)


def _queries_of_one_submission(work_record: int) -> int:
    """The statements of one anonymous web submission that the catalogue dispatches.

    In the request's one transaction (its BEGIN and COMMIT are a SAVEPOINT and its RELEASE
    here, inside the test's transaction): INSERT the appeal, already 已派单; INSERT its 受理
    and 派单 events (one statement); the 受理 work record; the 派单 work record.
    Nothing else: the categories and the dispatch rules are kept per process (catalogue.py),
    no look-up precedes the insert (the unique submission key and number guard it), the new
    appeal's steps are taken before it is stored (no lock, no UPDATE, no re-read), the
    notices and the hot-topic count are one task after commit, and no session is read or
    written (the receipt number travels in a signed cookie).
    """
    return 2 + 1 + 1 + 2 * work_record


def test_one_submission_takes_a_fixed_number_of_queries(client, loop, django_assert_num_queries):
    client.post(NEW, _form(submission_key="warm-up"))  # the process reads its catalogue once
    work_record = _work_record_statements(Appeal.objects.get())
    with django_assert_num_queries(_queries_of_one_submission(work_record)):
        response = client.post(NEW, _form())
    assert response.status_code == 302  # the receipt page is rendered by the next request
    appeal = Appeal.objects.get(submission_key="cost-1")
    assert appeal.state == State.DISPATCHED and appeal.department == loop["market"]
    assert list(appeal.events.values_list("action", flat=True)) == ["submit", "dispatch"]
    records = WorkRecord.objects.filter(target_type="participation.appeal", target_id=appeal.pk)
    assert sorted(records.values_list("action", flat=True)) == [
        "participation.appeal_dispatch",
        "participation.appeal_submit",
    ]


def test_anonymous_receipt_needs_no_session_and_shows_the_number(client, loop):
    response = client.post(NEW, _form(), follow=True)
    appeal = Appeal.objects.get()
    assert appeal.number in response.content.decode()
    assert not Session.objects.exists()
    # The cookie is signed: a forged number is not shown, the visitor is sent to the form.
    client.cookies["appeal_receipt"] = "20260101000001"
    forged = client.get(RECEIPT)
    assert forged.status_code == 302 and forged["Location"].endswith(NEW)


def test_receipt_cookie_is_only_sent_to_the_receipt_page(client, loop):
    response = client.post(NEW, _form())
    cookie = response.cookies["appeal_receipt"]
    assert cookie["path"] == RECEIPT and cookie["httponly"] and cookie["samesite"] == "Lax"


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
