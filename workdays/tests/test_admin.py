"""An administrator manages the calendar year by year in the Wagtail admin; a malformed entry
is refused with its date named and nothing saved; the missing years are named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from workdays import hooks
from workdays.models import CalendarDay, CalendarYear
from workdays.selectors import add_working_days_provisional
from worklog.models import WorkRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True, real_name="王管理")
    client.force_login(admin)
    client.admin = admin
    return client


def _form(year: int, days: list[tuple[str, str, str]], *, confirm: bool = False) -> dict:
    data = {
        "year": str(year),
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "notes": "",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for n, (date, kind, name) in enumerate(days):
        data |= {f"days-{n}-date": date, f"days-{n}-kind": kind, f"days-{n}-name": name}
        data |= {f"days-{n}-id": "", f"days-{n}-DELETE": ""}
    if confirm:
        data["confirm"] = "on"
    return data


ADD = "wagtailsnippets_workdays_calendaryear:add"


def test_a_date_entered_twice_is_refused_with_the_date_named(admin_client):
    days = [("2027-01-01", "holiday", "元旦"), ("2027-01-01", "holiday", "元旦")]
    response = admin_client.post(reverse(ADD), _form(2027, days))
    assert response.status_code == 200
    assert "2027-01-01 重复填写" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_an_adjusted_working_day_on_a_weekday_is_refused_with_the_date_named(admin_client):
    days = [("2027-02-03", "workday", "春节")]
    response = admin_client.post(reverse(ADD), _form(2027, days, confirm=True))
    assert response.status_code == 200
    assert "2027-02-03 是工作日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date=dt.date(2027, 2, 3)).exists()


def test_a_date_of_another_year_is_refused_with_the_date_named(admin_client):
    response = admin_client.post(reverse(ADD), _form(2027, [("2028-01-01", "holiday", "元旦")]))
    assert "2028-01-01 不属于 2027 年" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_confirming_2027_in_the_admin_moves_a_provisional_deadline(admin_client):
    start = dt.date(2026, 12, 30)
    assert add_working_days_provisional(start=start, days=2) == (dt.date(2027, 1, 1), True)
    seen = []

    def recompute(*, year, actor):
        seen.append(year)

    hooks.on_year_confirmed(recompute)
    try:
        days = [
            ("2027-01-01", "holiday", "元旦"),
            ("2027-02-06", "workday", "春节"),  # a Saturday
        ]
        response = admin_client.post(reverse(ADD), _form(2027, days, confirm=True))
    finally:
        hooks.unregister(recompute)
    assert response.status_code == 302
    calendar = CalendarYear.objects.get(year=2027)
    assert (calendar.confirmed, calendar.confirmed_by) == (True, admin_client.admin)
    assert calendar.days.count() == 2
    assert seen == [2027]
    assert add_working_days_provisional(start=start, days=2) == (dt.date(2027, 1, 4), False)
    assert WorkRecord.objects.filter(action="workdays.confirm", actor=admin_client.admin).exists()


def test_saving_without_confirming_leaves_the_year_pending(admin_client):
    response = admin_client.post(reverse(ADD), _form(2027, [("2027-01-01", "holiday", "元旦")]))
    assert response.status_code == 302
    assert not CalendarYear.objects.get(year=2027).confirmed
    assert add_working_days_provisional(start=dt.date(2026, 12, 30), days=2).provisional


def test_the_missing_years_are_named_on_the_list_and_the_admin_home(admin_client):
    listing = admin_client.get(reverse("wagtailsnippets_workdays_calendaryear:list"))
    assert listing.status_code == 200
    text = listing.content.decode()
    this_year = dt.date.today().year
    if this_year + 1 > 2026:
        assert f"{this_year + 1} 年" in text and "尚未确认" in text
    assert "是" in text  # confirmed years show 是
    home = admin_client.get(reverse("wagtailadmin_home"))
    assert "工作日历待确认" in home.content.decode()


def test_an_unprivileged_staff_member_cannot_open_the_calendar(client):
    from worklog.tests.factories import staff_member

    client.force_login(staff_member())
    response = client.get(reverse("wagtailsnippets_workdays_calendaryear:list"))
    assert response.status_code in (302, 403)
