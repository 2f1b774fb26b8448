"""Public helpers other apps reuse, so each mechanism has one home: the content check of uploads,
the private file store and the notification backends (e-mail now, SMS later)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from applications import storage


def upload_validate(*, data: bytes, filename: str) -> str:
    """Check an upload by its content (PDF, JPG or PNG); its content type, or ValidationError."""
    return storage.validate_upload(data=data, filename=filename)


def private_file_write(*, relative: str, data: bytes) -> str:
    """Store bytes atomically in private storage (served only by permission-checked views)."""
    storage.write_atomic(relative, data)
    return relative


def private_file_read(*, relative: str) -> bytes:
    return storage.private_path(relative).read_bytes()


def private_file_delete(*, relative: str) -> None:
    storage.private_path(relative).unlink(missing_ok=True)


def notification_deliver(
    *, email: str, phone: str, subject: str, body: str, claim: Callable[[str, str], bool]
) -> int:
    """Send one message through every active backend; the number of channels it went out on.

    ``claim(channel, recipient)`` runs in a transaction with the send and returns False when
    this message was already sent there (the caller's idempotency row), so a retry sends once.
    """
    from applications.notifications import Message, active_backends

    message = Message(recipient_email=email, recipient_phone=phone, subject=subject, body=body)
    sent = 0
    for backend in active_backends():
        recipient = backend.recipient(message)
        if not recipient:
            continue
        with transaction.atomic():
            if not claim(backend.name, recipient):
                continue
            backend.send(message)
        sent += 1
    return sent
