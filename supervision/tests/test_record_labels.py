"""我的工作记实 reads in words: walked as the demo clerk, every line read
"submitted → accepted" (the state codes); staff read the states' names."""

from __future__ import annotations

import pytest

from applications import services
from applications.tests.factories import checked, clerk_for, submitted_application
from supervision.labels import state_label

pytestmark = pytest.mark.django_db


def test_my_work_record_names_the_states_not_their_codes(client):
    app = submitted_application()
    clerk = clerk_for()
    services.application_accept(application=app, clerk=clerk, checks=checked(app))
    client.force_login(clerk)
    page = client.get("/supervision/me/").content.decode()
    assert "已提交 → 已受理" in page
    assert "submitted" not in page and "accepted" not in page


@pytest.mark.parametrize(
    ("action", "state", "name"),
    [
        ("hall.call", "called", None),
        ("participation.comment_moderate", "approved", "已公开"),
        ("workdays.confirm", "unconfirmed", "待确认"),
        ("unknown.thing", "odd_code", "odd_code"),
    ],
)
def test_each_apps_codes_are_read_in_its_own_vocabulary(action, state, name):
    label = state_label(action=action, state=state)
    if name is None:
        assert label != state  # a known hall state has a Chinese name
    else:
        assert label == name
