"""A case's deadline counts in the one official calendar (workdays) and never guesses a year
whose holiday schedule is not confirmed: it is stored provisionally, shown as 待确认 to staff
and the citizen, supervisors see a banner naming the year, and confirming the year in the
admin recomputes the deadline, recorded on the case."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import UserFactory
from applications import deadlines
from applications.deadlines import recompute_dues
from applications.models import Application, ApplicationEvent
from applications.tests.factories import clerk_for, submitted_application, supervisor
from workdays.hooks import year_confirmed_callbacks
from workdays.models import CalendarYear
from workdays.selectors import clear_cache
from worklog.models import WorkRecord

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 28)  # 5 working days later crosses 2027-01-01 (元旦)

# The 2027 schedule as an administrator would enter it from the State Council's notice
# (chinesecalendar 1.11 has no 2027 data). 调休上班 days are weekends only.
HOLIDAYS_2027 = [
    ("2027-01-01", "元旦"),
    *[(f"2027-02-{d:02d}", "春节") for d in range(6, 13)],
    ("2027-04-05", "清明节"),
    *[(f"2027-05-{d:02d}", "劳动节") for d in range(1, 6)],
    ("2027-06-09", "端午节"),
    ("2027-09-15", "中秋节"),
    *[(f"2027-10-{d:02d}", "国庆节") for d in range(1, 8)],
]
WORKDAYS_2027 = [("2027-02-20", "春节"), ("2027-05-08", "劳动节"), ("2027-10-09", "国庆节")]


@pytest.fixture(autouse=True)
def _calendar(monkeypatch):
    clear_cache()
    monkeypatch.setattr(deadlines, "local_today", lambda: MONDAY)
    yield
    clear_cache()


def _case_submitted_on(day: dt.date) -> Application:
    app = submitted_application()
    tz = ZoneInfo(settings.TIME_ZONE)
    app.submitted_at = dt.datetime.combine(day, dt.time(10), tzinfo=tz)
    deadlines.set_intake_due(app)
    recompute_dues(app)
    app.save()
    return app


def _calendar_form(*, confirm: bool) -> dict:
    rows = [(d, "holiday", n) for d, n in HOLIDAYS_2027] + [
        (d, "workday", n) for d, n in WORKDAYS_2027
    ]
    data = {
        "year": "2027",
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "notes": "",
        "days-TOTAL_FORMS": str(len(rows)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for n, (date, kind, name) in enumerate(rows):
        data |= {f"days-{n}-date": date, f"days-{n}-kind": kind, f"days-{n}-name": name}
        data |= {f"days-{n}-id": "", f"days-{n}-DELETE": ""}
    if confirm:
        data["confirm"] = "on"
    return data


def test_recomputation_is_registered_by_the_applications_app():
    assert deadlines.deadlines_recompute_for_year in year_confirmed_callbacks()


def test_a_deadline_in_an_unconfirmed_year_is_marked_pending_never_silently_counted(client):
    assert not CalendarYear.objects.filter(year=2027, confirmed=True).exists()
    app = _case_submitted_on(MONDAY)
    app.refresh_from_db()
    # Counted Monday–Friday only as a placeholder, and flagged as such.
    assert app.intake_due == dt.date(2027, 1, 4)
    assert app.due_provisional is True

    client.force_login(app.applicant)
    page = client.get(reverse("applications:my_detail", args=[app.pk])).content.decode()
    assert "待确认" in page
    listing = client.get(reverse("applications:my_list")).content.decode()
    assert "待确认" in listing

    client.force_login(clerk_for())
    assert "待确认" in client.get(reverse("applications:counter")).content.decode()
    detail = client.get(reverse("applications:counter_detail", args=[app.pk]))
    assert detail.status_code == 200 and "待确认" in detail.content.decode()

    client.force_login(supervisor())
    overview = client.get(reverse("supervision:dashboard")).content.decode()
    assert "2027 年的节假日安排尚未确认" in overview


def test_a_deadline_within_confirmed_years_is_not_pending():
    app = Application(intake_due=dt.date(2026, 12, 31))
    deadlines.mark_provisional(app)
    assert app.due_provisional is False
    app.intake_due = dt.date(2027, 1, 4)
    deadlines.mark_provisional(app)
    assert app.due_provisional is True


def test_confirming_2027_in_the_admin_moves_the_deadline_and_records_it_on_the_case(client):
    app = _case_submitted_on(MONDAY)
    before = Application.objects.get(pk=app.pk)
    admin = UserFactory(is_superuser=True, is_staff=True, real_name="王管理")
    client.force_login(admin)

    response = client.post(
        reverse("wagtailsnippets_workdays_calendaryear:add"), _calendar_form(confirm=True)
    )

    assert response.status_code == 302
    after = Application.objects.get(pk=app.pk)
    assert after.due_provisional is False
    # 2027-01-01 is now a holiday: the 5th working day after 2026-12-28 is 2027-01-05.
    assert before.intake_due == dt.date(2027, 1, 4) and after.intake_due == dt.date(2027, 1, 5)
    assert after.promised_due > before.promised_due
    event = ApplicationEvent.objects.get(application=app, action="calendar_recompute")
    assert event.actor == admin and event.to_status == after.status
    assert "受理期限 2027-01-04 → 2027-01-05" in event.reason
    assert "2027 年节假日安排已确认" in event.reason
    assert WorkRecord.objects.filter(
        action="applications.deadline_recompute", target_id=str(app.pk), actor=admin
    ).exists()

    client.force_login(after.applicant)
    page = client.get(reverse("applications:my_detail", args=[app.pk])).content.decode()
    assert "待确认" not in page
    assert "期限重算" in page


def test_saving_2027_without_confirming_keeps_the_deadline_pending(client):
    app = _case_submitted_on(MONDAY)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailsnippets_workdays_calendaryear:add"), _calendar_form(confirm=False)
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.due_provisional and app.intake_due == dt.date(2027, 1, 4)
    assert not ApplicationEvent.objects.filter(application=app, action="calendar_recompute")


def test_a_malformed_entry_is_refused_with_the_date_named_and_no_deadline_moves(client):
    app = _case_submitted_on(MONDAY)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    data = _calendar_form(confirm=True)
    data["days-1-date"] = "2027-01-01"  # the same date twice
    response = client.post(reverse("wagtailsnippets_workdays_calendaryear:add"), data)
    assert response.status_code == 200
    assert "2027-01-01 重复填写" in response.content.decode()
    app.refresh_from_db()
    assert app.due_provisional and app.intake_due == dt.date(2027, 1, 4)
