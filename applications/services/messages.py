"""The message centre (站内消息) and the citizen's notification channels."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from applications.models import Notice, NotificationPreference


def notices_for_user(*, user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user).select_related("application")


def notices_unread_count(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notice_open(*, user: User, pk: int) -> Notice | None:
    """The user's own notice, marked read (another user's id: None, so the view says 404)."""
    notice = Notice.objects.filter(user=user, pk=pk).first()
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_get(*, user: User) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )


def preference_save(*, user: User, email: bool, sms: bool) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "sms": sms}
    )
    return pref
