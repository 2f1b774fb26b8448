"""One notifications interface with pluggable backends: e-mail, SMS (applications.sms), 站内消息.

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
from django.utils import translation

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
    url: str = ""
    application_id: int | None = None
    user_id: int | None = None
    event: str = ""


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


@register("sms")
class SmsChannel(NotificationBackend):
    """SMS through the gateway named by APPLICATIONS_SMS_BACKEND (applications.sms)."""

    def recipient(self, message: Message) -> str:
        return message.recipient_phone

    def send(self, message: Message) -> None:
        from applications.sms import sms_send

        sms_send(to=message.recipient_phone, text=f"{message.subject}。{message.url}")


@register("inbox")
class InboxChannel(NotificationBackend):
    """站内消息: every notice lands in the applicant's message centre on 我的办件."""

    def recipient(self, message: Message) -> str:
        return str(message.user_id or "")

    def send(self, message: Message) -> None:
        from applications.models import Notice

        Notice.objects.create(
            user_id=message.user_id,
            application_id=message.application_id,
            event=message.event,
            subject=message.subject,
            body=message.body,
            url=message.url,
        )


def channels_chosen(user_id: int | None) -> set[str]:
    """The channels the citizen turned off in the profile (the message centre cannot be)."""
    from applications.models import NotificationPreference

    pref = NotificationPreference.objects.filter(user_id=user_id).first() if user_id else None
    if pref is None:
        return set()
    return {name for name, on in (("email", pref.email), ("sms", pref.sms)) if not on}


def active_backends() -> list[NotificationBackend]:
    names = getattr(settings, "APPLICATIONS_NOTIFICATION_BACKENDS", ["email"])
    return [_registry[name]() for name in names if name in _registry]


def case_url(application) -> str:
    """The absolute link to the case in 我的办件 (from PORTAL_BASE_URL)."""
    return settings.PORTAL_BASE_URL.rstrip("/") + application.get_absolute_url()


def render_message(*, event: str, context: dict, email: str, phone: str) -> Message:
    """The notice of ``event``; every notice ends with the link to the case."""
    app = context.get("app")
    if app is not None:
        from applications.documents import is_licensing

        context = {**context, "licensing": is_licensing(app), "case_url": case_url(app)}
    with translation.override(settings.LANGUAGE_CODE):  # Chinese notices: 2026年3月1日
        text = render_to_string(f"applications/email/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    body = body.strip()
    url = context.get("case_url", "")
    if url and url not in body:
        body = f"{body}\n\n查看办件：{url}"
    return Message(
        recipient_email=email,
        recipient_phone=phone,
        subject=subject.strip(),
        body=body,
        url=url,
        application_id=getattr(app, "pk", None),
        user_id=getattr(app, "applicant_id", None),
        event=event,
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


def send_message(message: Message) -> list[str]:
    """Send one rendered notice about a case to its holder through every active backend,
    except the channels the holder turned off (the message centre always receives it)."""
    off = channels_chosen(message.user_id)
    sent = []
    for backend in active_backends():
        if backend.name in off:
            continue
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
