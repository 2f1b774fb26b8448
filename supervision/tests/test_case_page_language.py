"""The supervision case page in English: a system step is labelled in English, and the
各环节用时 table labels each figure so it can stack into cards on a phone."""

import re

import pytest

from applications.tests.factories import supervisor
from supervision.tests.factories import case_in_review, make_late
from worklog.services import record_action

pytestmark = pytest.mark.django_db


def _system_step(app) -> None:
    record_action(actor=None, action="applications.remind", label="到期提醒", target=app)


def test_system_step_is_named_in_the_page_language(client):
    app, _holder = case_in_review()
    make_late(app)
    _system_step(app)
    client.force_login(supervisor())
    page = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    assert "到期提醒</strong> · 系统" in page
    assert client.get("/language/en/", {"next": "/"}).status_code == 302
    page = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    assert "到期提醒</strong> · System" in page
    assert "· 系统" not in page


def test_stage_figures_carry_their_labels_for_the_stacked_phone_layout(client):
    app, _holder = case_in_review()
    make_late(app)
    client.force_login(supervisor())
    page = client.get(f"/supervision/cases/{app.pk}/").content.decode()
    table = re.search(r'<table class="stage-table">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr><th scope=\"row\">", table)
    assert rows, "the case has at least one stage"
    assert table.count('data-label="用时（天）"') == len(rows)
    assert table.count('data-label="用时（小时）"') == len(rows)
