"""Documents issued for a case (受理回执, 决定书, 证书 …) and the log of notices sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.constants import (
    DocumentType,
)
from applications.models.cases import Application


class Document(models.Model):
    """A PDF issued for an application. Exactly one per (application, type)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(max_length=20, choices=DocumentType.choices)
    file_path = models.CharField(max_length=300)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    verification_code = models.CharField(max_length=20, unique=True)
    # The font set the PDF was printed with (printing.fonts.render_fingerprint); "" = before
    # fingerprints, re-rendered by the start-up sweep.
    render_fingerprint = models.CharField(max_length=200, blank=True, default="")
    revoked = models.BooleanField(default=False)
    revoked_reason = models.CharField(max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "doc_type"], name="document_once")
        ]

    def __str__(self) -> str:
        return self.get_doc_type_display()


class NotificationLog(models.Model):
    """A notification sent (or attempted) through a backend: one per (application, event, channel)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=40)
    channel = models.CharField(max_length=20)
    recipient = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "event", "channel"], name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}/{self.channel}"
