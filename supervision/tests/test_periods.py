"""A date range that is empty, reversed, malformed or ten years long gives a clear message or a
capped range, never an error — on the dashboard, on /statistics/, in the CSV and in the API."""

import datetime as dt

import pytest

from applications.tests.factories import supervisor
from supervision.periods import period_from_query

TODAY = dt.date(2026, 6, 15)


def test_empty_range_is_the_default_period(settings):
    period = period_from_query({}, today=TODAY)
    assert period.end == TODAY and period.days == settings.SUPERVISION_DEFAULT_PERIOD_DAYS
    assert period.message == ""
    assert period_from_query({"start": " ", "end": ""}, today=TODAY) == period


def test_malformed_dates_fall_back_to_the_default_with_a_message():
    for params in [{"start": "2026-13-45"}, {"end": "昨天"}, {"start": "2026-02-30", "end": "x"}]:
        period = period_from_query(params, today=TODAY)
        assert period.end == TODAY
        assert "日期格式无法识别" in period.message


def test_reversed_range_is_swapped_with_a_message():
    period = period_from_query({"start": "2026-05-31", "end": "2026-05-01"}, today=TODAY)
    assert (period.start, period.end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert "已交换" in period.message


def test_ten_year_range_is_capped_with_a_message(settings):
    period = period_from_query({"start": "2016-01-01", "end": "2026-01-01"}, today=TODAY)
    assert period.end == dt.date(2026, 1, 1)
    assert period.days == settings.SUPERVISION_MAX_PERIOD_DAYS
    assert "已截取" in period.message


def test_full_width_digits_are_read():
    period = period_from_query({"start": "２０２６-０５-０１", "end": "2026/05/10"}, today=TODAY)
    assert (period.start, period.end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 10))


BAD_RANGES = [
    ("start=2026-99-99&end=2026-01-01", "日期格式无法识别"),
    ("start=2026-05-31&end=2026-05-01", "已交换"),
    ("start=2010-01-01&end=2026-01-01", "已截取"),
    ("start=&end=", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize("query,message", BAD_RANGES)
def test_bad_ranges_over_http_never_fail(client, query, message):
    response = client.get(f"/statistics/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    api = client.get(f"/api/v1/statistics/summary?{query}")
    assert api.status_code == 200 and message in api.json()["period"]["message"]
    assert client.get(f"/statistics/export.csv?{query}").status_code == 200
    client.force_login(supervisor())
    for url in [
        f"/supervision/?{query}",
        f"/supervision/cases/?metric=finished&{query}",
        f"/supervision/me/?{query}",
        f"/supervision/ratings/?{query}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        if message:
            assert message in response.content.decode(), url
