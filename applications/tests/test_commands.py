"""POST actions: each is one command calling one service, consistent in one transaction.

What staff rely on:
- "A window decision the system refuses leaves the case exactly as it was, including the
  item-by-item checks I posted with it" (no half-saved step).
- "A refused or unknown action says why in Chinese and changes nothing" (never a 500).
- "What I check and accept in one click is saved together."
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from applications import services
from applications.commands import (
    APPLICANT_COMMANDS,
    COUNTER_COMMANDS,
    DEPARTMENT_TICKET_COMMANDS,
    REVIEW_COMMANDS,
)
from applications.constants import MaterialCheck, Status
from applications.models import Application, ApplicationEvent
from applications.tests.factories import checked, clerk_for, reviewer_for, submitted_application

pytestmark = pytest.mark.django_db


def test_a_refused_window_decision_saves_none_of_its_checks(client):
    app = submitted_application()
    client.force_login(clerk_for())
    response = client.post(
        f"/counter/{app.pk}/decide/",
        {"action": "reject", "reason": "  ", "check_contract": MaterialCheck.OK},
        follow=True,
    )
    assert response.status_code == 200 and "不予受理须写明理由" in response.text
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert app.materials.get(code="contract").check_status == MaterialCheck.PENDING


def test_checks_and_acceptance_in_one_click_are_saved_together(client):
    app = submitted_application()
    client.force_login(clerk_for())
    response = client.post(
        f"/counter/{app.pk}/decide/",
        {
            "action": "accept",
            "check_contract": MaterialCheck.OK,
            "note_contract": "原件已核",
            "check_photo": MaterialCheck.OK,
        },
        follow=True,
    )
    assert "已受理" in response.text
    app.refresh_from_db()
    item = app.materials.get(code="contract")
    assert app.status == Status.ACCEPTED
    assert (item.check_status, item.check_note) == (MaterialCheck.OK, "原件已核")


def test_tolerance_without_a_tolerable_material_changes_nothing(client):
    app = submitted_application()
    client.force_login(clerk_for())
    response = client.post(
        f"/counter/{app.pk}/decide/",
        {
            "action": "accept",
            "tolerate": ["contract"],
            "commitment_signed": "1",
            "check_photo": MaterialCheck.OK,
        },
        follow=True,
    )
    assert "只有标注为“容缺”的次要材料可以容缺受理" in response.text
    app.refresh_from_db()
    # the commitment the clerk ticked is not kept for a refused 容缺受理
    assert app.status == Status.SUBMITTED and app.commitment_signed_at is None


@pytest.mark.parametrize("desk", ["counter", "review"])
def test_an_unknown_action_is_refused_in_chinese(client, desk):
    app = submitted_application()
    if desk == "counter":
        staff, url = clerk_for(), f"/counter/{app.pk}/decide/"
    else:
        services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
        staff, url = reviewer_for(app.department), f"/review/{app.pk}/act/"
    client.force_login(staff)
    status = Application.objects.get(pk=app.pk).status
    events = ApplicationEvent.objects.filter(application=app).count()
    response = client.post(url, {"action": "delete_everything"}, follow=True)
    assert response.status_code == 200 and "未知的操作" in response.text
    assert Application.objects.get(pk=app.pk).status == status
    assert ApplicationEvent.objects.filter(application=app).count() == events


def test_an_unknown_applicant_action_is_not_found(client):
    app = submitted_application()
    client.force_login(app.applicant)
    assert client.post(f"/me/applications/{app.pk}/approve/").status_code == 404
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_every_action_a_page_posts_has_a_command():
    """A button on a staff page whose action no command takes would answer 未知的操作."""
    templates = Path(__file__).resolve().parents[1] / "templates" / "applications"
    posted = set()
    for template in templates.glob("*.html"):
        posted |= set(re.findall(r'name="action" value="([a-z_]+)"', template.read_text()))
    commands = set(COUNTER_COMMANDS) | set(REVIEW_COMMANDS) | set(DEPARTMENT_TICKET_COMMANDS)
    assert posted and posted <= commands
    assert set(APPLICANT_COMMANDS) == {"withdraw", "supplement"}  # in the URL, not a field
