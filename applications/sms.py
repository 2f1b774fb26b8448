"""SMS gateway interface with pluggable backends, like Django's e-mail backends.

``APPLICATIONS_SMS_BACKEND`` names the class: ``applications.sms.ConsoleBackend`` (prints, the
demo default), ``applications.sms.FileBackend`` (one file per message under
``APPLICATIONS_SMS_FILE_PATH``), ``applications.sms.LocmemBackend`` (tests: ``sms.outbox``), or
a real gateway's class implementing ``send_messages``.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

outbox: list[SmsMessage] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class BaseSmsBackend:
    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"[SMS to {message.to}] {message.text}\n")
        return len(messages)


class FileBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        folder = Path(settings.APPLICATIONS_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.sms"
            path.write_text(f"To: {message.to}\n\n{message.text}\n", encoding="utf-8")
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_backend() -> BaseSmsBackend:
    return import_string(settings.APPLICATIONS_SMS_BACKEND)()


def sms_send(*, to: str, text: str) -> int:
    return get_backend().send_messages([SmsMessage(to=to, text=text)])
