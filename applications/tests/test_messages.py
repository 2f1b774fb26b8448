"""站内消息: every notice is in the citizen's message centre, read/unread, chosen channels."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from applications.models import Notice
from applications.tasks import notification_send
from applications.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def _app():
    app = submitted_application()
    app.applicant_email, app.applicant_phone = "a@example.cn", "13800000009"
    app.save()
    return app


def test_a_notice_lands_unread_in_the_message_centre_and_opening_it_leads_to_the_case(
    client, settings
):
    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["email", "inbox"]
    app = _app()
    notification_send(app.pk, "submit")
    notice = Notice.objects.get(user=app.applicant)
    client.force_login(app.applicant)
    page = client.get("/me/messages/").content.decode()
    assert notice.subject in page and "未读" in page and "1 条未读" in page
    response = client.post(f"/me/messages/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == app.get_absolute_url()
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "0 条未读" in client.get("/me/messages/").content.decode()
    assert "站内消息" in client.get("/me/applications/").content.decode()


def test_another_users_notice_is_404_and_stays_unread(client, settings):
    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["inbox"]
    app = _app()
    notification_send(app.pk, "submit")
    notice = Notice.objects.get(user=app.applicant)
    client.force_login(UserFactory())
    assert client.post(f"/me/messages/{notice.pk}/").status_code == 404
    assert client.post("/me/messages/99999/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_citizen_turns_sms_off_and_gets_mail_and_inbox_only(client, settings, mailoutbox):
    from applications import sms

    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["email", "sms", "inbox"]
    sms.outbox.clear()
    app = _app()
    client.force_login(app.applicant)
    assert client.post("/me/messages/channels/", {"email": "on"}).status_code == 302
    notification_send(app.pk, "submit")
    assert len(mailoutbox) == 1 and sms.outbox == []
    assert Notice.objects.filter(user=app.applicant).count() == 1
