"""The dashboards' figures come from rollups kept current by a task (and a rebuild command),
not from scanning the cases on each request; each figure is right and drills down to its cases."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications import services
from applications.models import Application
from applications.tests.factories import supervisor
from supervision.models import CaseRollup
from supervision.rollups import rollups_refresh
from supervision.tests.factories import case_in_review, make_late

pytestmark = pytest.mark.django_db


def _finish(app, reviewer):
    services.application_approve(application=app, reviewer=reviewer)
    app.refresh_from_db()
    if app.status != "completed":
        services.application_complete(application=app)
    app.refresh_from_db()
    return app


def _totals():
    return {
        key: sum(getattr(r, key) for r in CaseRollup.objects.all())
        for key in ("received", "accepted", "finished", "on_time_promised", "on_time_legal")
    }


def test_rollups_count_received_accepted_finished_and_on_time():
    on_time, reviewer = case_in_review()
    late, _ = case_in_review(department=on_time.department, reviewer=reviewer)
    _finish(on_time, reviewer)
    make_late(late)
    _finish(late, reviewer)
    rollups_refresh()
    assert _totals() == {
        "received": 2,
        "accepted": 2,
        "finished": 2,
        "on_time_promised": 1,
        "on_time_legal": 1,
    }
    # the decision is the reviewer's: their row carries the finished cases
    mine = CaseRollup.objects.filter(staff=reviewer)
    assert sum(r.finished for r in mine) == 2


def test_refresh_is_idempotent_and_the_rebuild_command_matches():
    app, reviewer = case_in_review()
    _finish(app, reviewer)
    rollups_refresh()
    first = _totals()
    rollups_refresh()
    assert _totals() == first
    CaseRollup.objects.all().delete()
    today = timezone.localdate()
    call_command(
        "supervision_rebuild_rollups",
        "--start",
        (today - dt.timedelta(days=3)).isoformat(),
        "--end",
        today.isoformat(),
    )
    assert _totals() == first


def test_dashboard_reads_rollups_and_every_number_drills_down(client):
    app, reviewer = case_in_review()
    _finish(app, reviewer)
    client.force_login(supervisor())
    page = client.get("/supervision/").content.decode()
    assert 'data-chart="volume"' in page  # before the refresh nothing is counted yet
    rollups_refresh()
    page = client.get(f"/supervision/?department={app.department_id}").content.decode()
    assert f"metric=finished&amp;department={app.department_id}" in page
    drill = client.get(
        f"/supervision/cases/?metric=finished&department={app.department_id}"
    ).content.decode()
    assert app.number in drill
    detail = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    assert reviewer.display_name in detail and "部门审查" in detail


def test_dashboard_query_count_does_not_grow_with_cases(client, django_assert_max_num_queries):
    app, reviewer = case_in_review()
    _finish(app, reviewer)
    rollups_refresh()
    client.force_login(supervisor())
    with django_assert_max_num_queries(60) as few:
        assert client.get("/supervision/").status_code == 200
    for _ in range(3):
        other, _who = case_in_review(department=app.department)
        make_late(other)
        services.applications_flag_deadlines()
    rollups_refresh()
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        assert client.get("/supervision/").status_code == 200
    assert Application.objects.filter(due_flag="overdue").count() == 3
