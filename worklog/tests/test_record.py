"""A staff action leaves one record, written with the action or not at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory
from worklog import selectors
from worklog.models import WorkRecord
from worklog.services import WORK_RECORD_CHAIN, record_action
from worklog.tests.factories import staff_member

pytestmark = pytest.mark.django_db


def test_a_record_names_who_as_which_role_in_which_department_did_what_to_what():
    clerk = staff_member(roles=[Role.WINDOW_CLERK, Role.DEPT_REVIEWER], real_name="李娜")
    other = DepartmentFactory()
    record = record_action(
        actor=clerk,
        action="applications.accept",
        label="受理",
        target=other,  # any model instance: type, id and label derive from it
        from_state="submitted",
        to_state="accepted",
        reason="  材料齐全 ",
        extra={"when": dt.date(2026, 12, 1), "n": 1},
    )
    record.refresh_from_db()
    assert record.actor == clerk
    assert record.actor_name == "李娜"
    assert record.role == "窗口人员、部门审批人员"
    assert record.department_id == clerk.department_id
    assert (record.target_type, record.target_id) == ("accounts.department", str(other.pk))
    assert record.target_label == str(other)
    assert (record.from_state, record.to_state, record.reason) == (
        "submitted",
        "accepted",
        "材料齐全",
    )
    assert record.extra == {"when": "2026-12-01", "n": 1}
    assert record.elapsed_seconds is None
    assert WORK_RECORD_CHAIN.verify().ok


def test_a_record_rolls_back_with_the_action_it_describes():
    clerk = staff_member()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_action(actor=clerk, action="applications.accept", label="受理")
        raise RuntimeError("the action failed")
    assert not WorkRecord.objects.exists()
    record_action(actor=clerk, action="applications.accept", label="受理")
    assert WorkRecord.objects.count() == 1
    assert WORK_RECORD_CHAIN.verify().ok


def test_the_time_since_the_objects_previous_step_is_recorded(monkeypatch):
    clerk = staff_member()
    case = DepartmentFactory()
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start)
    record_action(actor=clerk, action="applications.accept", target=case)
    record_action(actor=clerk, action="applications.view", target=DepartmentFactory())
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(hours=2, seconds=5))
    second = record_action(actor=clerk, action="applications.review", target=case)
    assert second.elapsed_seconds == 2 * 3600 + 5


def test_the_system_and_explicit_departments_and_roles_are_recorded():
    department = DepartmentFactory()
    record = record_action(
        actor=None, action="applications.overdue", label="超期", department=department, role="系统"
    )
    assert (record.actor_id, record.actor_name, record.department, record.role) == (
        None,
        "",
        department,
        "系统",
    )


@pytest.mark.parametrize("code", ["", "accept", "Applications.Accept", "applications.", "a b.c"])
def test_an_action_that_is_not_a_dotted_code_is_refused(code):
    with pytest.raises(ValueError, match="dotted code"):
        record_action(actor=None, action=code)
    assert not WorkRecord.objects.exists()


def test_long_texts_are_cut_to_their_columns_and_still_verify():
    record_action(actor=None, action="x.y", reason="理" * 900, target_label="对" * 300)
    record = WorkRecord.objects.get()
    assert (len(record.reason), len(record.target_label)) == (500, 200)
    assert WORK_RECORD_CHAIN.verify().ok


def test_selectors_read_per_actor_department_object_and_time():
    clerk, reviewer = staff_member(), staff_member(roles=[Role.DEPT_REVIEWER])
    case = DepartmentFactory()
    first = record_action(actor=clerk, action="applications.accept", target=case)
    second = record_action(actor=reviewer, action="applications.approve", target=case)
    record_action(actor=clerk, action="applications.view", target=DepartmentFactory())

    assert list(selectors.records_for_target(target=case)) == [first, second]
    assert [r.action for r in selectors.records_for_actor(actor=clerk)] == [
        "applications.view",
        "applications.accept",
    ]
    assert list(selectors.records_for_department(department=reviewer.department)) == [second]
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    assert selectors.records_between(since=now - hour, until=now + hour).count() == 3
    assert selectors.records_between(since=now + hour, until=now - hour).count() == 0
    assert (
        selectors.records_between(
            since=now - hour, until=now + hour, action_prefix="applications.a"
        ).count()
        == 2
    )
    page = selectors.records_page(records=selectors.records_for_actor(actor=clerk), per_page=1)
    assert (page.paginator.num_pages, len(page.object_list)) == (2, 1)
    assert (
        selectors.records_page(records=WorkRecord.objects.all(), per_page=10**6).paginator.per_page
        == 200
    )


def test_recording_takes_two_statements_on_postgresql_and_three_elsewhere():
    """The cost of recording is its round trips: lock + tip + previous step in one (a function
    on PostgreSQL), then the INSERT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clerk = staff_member()
    clerk._worklog_role = "窗口人员"  # the role read is the caller's, once per request
    case = DepartmentFactory()
    record_action(actor=clerk, action="applications.accept", target=case)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        record = record_action(actor=clerk, action="applications.review", target=case)
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        assert len(statements) == 2, statements
        assert "worklog_lock_and_read" in statements[0]
    else:
        assert len(statements) == 3, statements
    assert record.pk == WorkRecord.objects.latest("id").pk
    assert record.elapsed_seconds is not None
    assert WORK_RECORD_CHAIN.verify().ok


def test_a_record_without_an_object_has_no_previous_step_even_after_others_without_one():
    first = record_action(actor=None, action="system.tick")
    second = record_action(actor=None, action="system.tick")
    assert (first.elapsed_seconds, second.elapsed_seconds) == (None, None)
