"""The notifications interface: e-mail today, another backend (e.g. SMS) plugs in by registry."""

from __future__ import annotations

import pytest

from applications import notifications
from applications.models import NotificationLog
from applications.tasks import notification_send
from applications.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def test_email_and_a_registered_sms_backend_each_send_once(settings, mailoutbox):
    sent = []

    @notifications.register("test-sms")
    class FakeSmsGateway(notifications.NotificationBackend):
        def recipient(self, message):
            return message.recipient_phone

        def send(self, message):
            sent.append((message.recipient_phone, message.subject))

    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["email", "test-sms"]
    app = submitted_application()
    app.applicant_email = "a@example.cn"
    app.applicant_phone = "13800000009"
    app.save()
    assert notification_send(app.pk, "submit") == 2
    assert notification_send(app.pk, "submit") == 0  # a retried task sends nothing twice
    assert len(mailoutbox) == 1 and app.number in mailoutbox[0].body
    assert "您的申请已提交" in mailoutbox[0].subject
    assert sent == [("13800000009", f"您的申请已提交：{app.service_name}")]
    assert NotificationLog.objects.filter(application=app).count() == 2
    assert notification_send(app.pk, "no-such-event") == 0
