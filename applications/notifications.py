"""One notifications interface with pluggable backends (e-mail today, an SMS gateway later).

A backend subclasses NotificationBackend and registers itself with @register("sms");
settings.APPLICATIONS_NOTIFICATION_BACKENDS names the active ones. Messages are rendered
from Chinese templates applications/email/<event>.txt.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

_registry: dict[str, type[NotificationBackend]] = {}


def register(name: str):
    def decorator(cls):
        cls.name = name
        _registry[name] = cls
        return cls

    return decorator


@dataclass
class Message:
    recipient_email: str
    recipient_phone: str
    subject: str
    body: str


class NotificationBackend(ABC):
    """One delivery channel (e-mail now; an SMS gateway implements the same two methods)."""

    name = ""

    @abstractmethod
    def recipient(self, message: Message) -> str: ...

    @abstractmethod
    def send(self, message: Message) -> None: ...

    def check_config(self) -> list[str]:
        return []


@register("email")
class EmailBackend(NotificationBackend):
    def recipient(self, message: Message) -> str:
        return message.recipient_email

    def send(self, message: Message) -> None:
        send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{message.subject}",
            message=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[message.recipient_email],
        )


def active_backends() -> list[NotificationBackend]:
    names = getattr(settings, "APPLICATIONS_NOTIFICATION_BACKENDS", ["email"])
    return [_registry[name]() for name in names if name in _registry]


def render_message(*, event: str, context: dict, email: str, phone: str) -> Message:
    text = render_to_string(f"applications/email/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return Message(
        recipient_email=email, recipient_phone=phone, subject=subject.strip(), body=body.strip()
    )


def _send_everywhere(message: Message) -> list[str]:
    """Send one message through every active backend; the addresses it went to."""
    sent = []
    for backend in active_backends():
        address = backend.recipient(message)
        if address:
            backend.send(message)
            sent.append(address)
    return sent


def notify(*, email: str, phone: str, subject: str, body: str) -> int:
    """Send one already-rendered notice through every active backend (used by the hall).
    Returns how many backends had a recipient and sent it."""
    message = Message(recipient_email=email, recipient_phone=phone, subject=subject, body=body)
    return len(_send_everywhere(message))


def notify_staff(*, recipients: list, subject: str, body: str) -> list[str]:
    """Send one plain message to staff users through every active backend (used by
    supervision's warnings and 督办). Returns the addresses it was sent to; recipients without
    an address on a channel are skipped."""
    sent: list[str] = []
    for user in recipients:
        message = Message(
            recipient_email=getattr(user, "email", "") or "",
            recipient_phone=getattr(user, "phone", "") or "",
            subject=subject,
            body=body,
        )
        sent.extend(_send_everywhere(message))
    return sent
