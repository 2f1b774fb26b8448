"""Choices and fixed rules of the service hall (政务服务中心, docs/domain.md: the service hall)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CHECKED_IN = "checked_in", _("已签到")
    CANCELLED = "cancelled", _("已取消")
    NO_SHOW = "no_show", _("爽约")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("等候中")
    CALLED = "called", _("已叫号")
    SERVING = "serving", _("办理中")
    DONE = "done", _("已办结")
    DROPPED = "dropped", _("已过号")


class TicketChannel(models.TextChoices):
    KIOSK = "kiosk", _("自助机取号")
    ONLINE = "online", _("网上取号")
    APPOINTMENT = "appointment", _("预约签到")
    STAFF = "staff", _("大厅工作人员")


class Priority(models.IntegerChoices):
    """Higher is called first; within a level, the earlier queue time first."""

    NORMAL = 0, _("普通")
    APPOINTMENT = 1, _("预约优先")
    GREEN = 2, _("绿色通道")


class CallKind(models.TextChoices):
    CALL = "call", _("叫号")
    RECALL = "recall", _("重呼")


# Which ticket states each clerk step may start from, and where it goes (one table).
TICKET_STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    "call": ((TicketStatus.WAITING,), TicketStatus.CALLED),
    "recall": ((TicketStatus.CALLED,), TicketStatus.CALLED),
    "skip": ((TicketStatus.CALLED,), TicketStatus.WAITING),
    "transfer": ((TicketStatus.CALLED, TicketStatus.SERVING), TicketStatus.WAITING),
    "start": ((TicketStatus.CALLED,), TicketStatus.SERVING),
    "finish": ((TicketStatus.CALLED, TicketStatus.SERVING), TicketStatus.DONE),
}

# A skipped ticket goes back to the queue this many times; the next skip drops it (过号).
SKIP_REQUEUE_LIMIT = 1
# A checked-in appointment is prioritised from this many minutes before its slot to its end.
CHECK_IN_EARLY_MINUTES = 30
# The on-the-spot rating stays open on the window's tablet this long after finishing.
TABLET_RATING_MINUTES = 15
# Recent finished tickets used for the wait estimate.
ESTIMATE_SAMPLE = 20
# Default minutes per person when there is no history yet.
DEFAULT_SERVICE_MINUTES = 8
