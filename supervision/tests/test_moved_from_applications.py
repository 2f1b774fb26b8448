"""The tests of /supervision/ that lived in applications before the pages moved here:
效能监督's 好差评 statistics and 差评 ledger, and the overview of flagged cases."""

import pytest

from applications import services
from applications.tests.factories import rating, submitted_application, supervisor

pytestmark = pytest.mark.django_db


def test_supervision_page_lists_flagged_cases(client):
    app = submitted_application()
    services.applications_flag_deadlines(today=app.intake_due)
    client.force_login(supervisor())
    response = client.get("/supervision/")
    assert response.status_code == 200 and app.number in response.content.decode()


def test_ratings_ledger_has_constant_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        rating(4)
    client.force_login(supervisor())
    with django_assert_max_num_queries(20) as few:
        assert client.get("/supervision/ratings/").status_code == 200
    for _ in range(5):
        rating(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/supervision/ratings/")
    text = response.content.decode()
    assert "好评率" in text and "回访率" in text


def test_ticket_review_bad_input_and_unknown_action(client):
    ticket = rating(4).ticket
    client.force_login(supervisor())
    url = f"/supervision/tickets/{ticket.pk}/act/"
    response = client.post(url, {"action": "nonsense"}, follow=True)
    assert "未知的操作" in response.content.decode()
    response = client.post(url, {"action": "confirm", "note": "x" * 3000}, follow=True)
    assert "不能超过" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "open" and not ticket.events.exists()
    assert client.get("/supervision/tickets/999999/").status_code == 404
