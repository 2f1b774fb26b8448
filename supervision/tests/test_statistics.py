"""Open statistics: an anonymous visitor sees monthly volume, on-time rate, 好评率 and average
handling time per department and service, with charts; the API and the CSV give the same
figures; no personal data appears in any of them."""

import csv
import io

import pytest

from applications import services
from applications.tests.factories import supervisor
from supervision.rollups import rollups_refresh
from supervision.tests.factories import case_in_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished():
    app, reviewer = case_in_review()
    services.application_approve(application=app, reviewer=reviewer)
    app.refresh_from_db()
    if app.status != "completed":
        services.application_complete(application=app)
    app.refresh_from_db()
    services.application_evaluate(application=app, actor=app.applicant, level=1, text="很好")
    rollups_refresh()
    return app, reviewer


def test_anonymous_statistics_page_api_and_csv_agree(client, finished):
    app, reviewer = finished
    page = client.get("/statistics/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-chart="volume"' in text and 'id="chart-data"' in text
    assert "echarts.min.js" in text and "<script>" not in text  # no inline script (CSP)
    assert app.department.name in text and app.service_name in text
    api = client.get("/api/v1/statistics/summary").json()
    dept = next(d for d in api["departments"] if d["name"] == app.department.name)
    assert dept["received"] == 1 and dept["finished"] == 1
    assert dept["good_rate"] == 100.0 and dept["on_time_promised_rate"] == 100.0
    assert api["totals"]["finished"] == 1
    rows = list(
        csv.reader(io.StringIO(client.get("/statistics/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:3] == ["月份", "部门", "收件量"]
    body = [r for r in rows[1:] if r[1] == app.department.name]
    assert body and body[0][2] == "1" and body[0][3] == "1"
    monthly = client.get("/api/v1/statistics/monthly?by=service").json()
    assert monthly["items"][0]["service"] == app.service_name
    # no personal data anywhere
    for blob in [text, str(api), str(rows), str(monthly)]:
        assert app.applicant_name not in blob and reviewer.display_name not in blob
        assert app.number not in blob


def test_statistics_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/statistics/summary" in schema["paths"]
    assert "/api/v1/statistics/monthly" in schema["paths"]


def test_dashboard_renders_chart_data_for_supervisors(client, finished):
    client.force_login(supervisor())
    text = client.get("/supervision/").content.decode()
    assert 'id="chart-data"' in text and "supervision/charts.js" in text
