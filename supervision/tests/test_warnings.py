"""红黄牌预警: yellow at a configurable share of the promised time, red past the deadline;
the holder and the department head are told once, however often the task runs."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from applications import services
from applications.models import Application
from applications.tests.factories import supervisor
from supervision import calendar
from supervision.alerts import warnings_raise
from supervision.models import CaseWarning
from supervision.tasks import warnings_raise as warnings_task
from supervision.tests.factories import case_in_review, department_head, make_late

pytestmark = pytest.mark.django_db


def _remaining(app, days: int) -> None:
    """Leave `days` working days on the case's promise (test set-up)."""
    due = calendar.add_working_days(start=timezone.localdate(), days=days)
    Application.objects.filter(pk=app.pk).update(promised_due=due)


def test_red_past_the_deadline_notifies_holder_and_head_once(django_capture_on_commit_callbacks):
    app, holder = case_in_review()
    head = department_head(app.department)
    make_late(app)
    with django_capture_on_commit_callbacks(execute=True):
        assert warnings_raise()["raised"] == 1
    warning = CaseWarning.objects.get()
    assert warning.level == "red" and warning.holder == holder and warning.notified_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted([holder.email, head.email])
    assert app.number in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        warnings_task()
        warnings_task()
    assert CaseWarning.objects.count() == 1 and len(mail.outbox) == 2


def test_yellow_at_the_configured_share(settings):
    app, _ = case_in_review()  # promised 5 working days
    settings.SUPERVISION_YELLOW_SHARE = 0.8
    _remaining(app, 2)  # 60 % used
    assert warnings_raise()["open"] == 0
    _remaining(app, 1)  # 80 % used
    warnings_raise()
    assert CaseWarning.objects.get().level == "yellow"
    settings.SUPERVISION_YELLOW_SHARE = 0.5
    other, _ = case_in_review(department=app.department)
    _remaining(other, 2)
    warnings_raise()
    assert CaseWarning.objects.filter(cleared_at__isnull=True).count() == 2


def test_red_replaces_yellow_and_a_paused_or_finished_case_is_cleared():
    app, reviewer = case_in_review()
    _remaining(app, 1)
    warnings_raise()
    make_late(app)
    warnings_raise()
    open_levels = list(
        CaseWarning.objects.filter(cleared_at__isnull=True).values_list("level", flat=True)
    )
    assert open_levels == ["red"]
    services.application_suspend(application=app, reviewer=reviewer, reason_code="site_check")
    warnings_raise()
    assert not CaseWarning.objects.filter(cleared_at__isnull=True).exists()


def test_red_count_on_the_dashboard_drills_down_to_the_case(client):
    app, holder = case_in_review()
    make_late(app)
    services.applications_flag_deadlines()
    warnings_raise()
    client.force_login(supervisor())
    page = client.get("/supervision/").content.decode()
    assert f'data-red-count="{app.department_id}"' in page
    listing = client.get(f"/supervision/cases/?metric=red&department={app.department_id}")
    text = listing.content.decode()
    assert app.number in text and holder.display_name in text and "部门审查" in text


def test_intake_clock_turns_red_when_the_window_is_late():
    from applications.tests.factories import submitted_application

    app = submitted_application()
    Application.objects.filter(pk=app.pk).update(
        intake_due=timezone.localdate() - dt.timedelta(days=1)
    )
    warnings_raise()
    assert CaseWarning.objects.get().level == "red"
