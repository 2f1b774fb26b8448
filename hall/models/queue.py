"""Appointments (预约), queue tickets (取号) and calls (叫号)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.constants import Satisfaction
from hall.constants import AppointmentStatus, CallKind, Priority, TicketChannel, TicketStatus
from hall.models.halls import Hall, Window, WindowGroup


class Appointment(models.Model):
    """预约: one person, one service, one slot. The code is what the kiosk checks in."""

    code = models.CharField(_("预约码"), max_length=12, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hall_appointments"
    )
    hall = models.ForeignKey(Hall, on_delete=models.PROTECT, related_name="appointments")
    group = models.ForeignKey(WindowGroup, on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(
        "services_catalog.ServiceItem", on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("关联办件"),
    )
    day = models.DateField(_("日期"))
    start = models.TimeField(_("开始时间"))
    end = models.TimeField(_("结束时间"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        ordering = ["day", "start"]
        indexes = [models.Index(fields=["group", "day", "start", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service", "day"],
                condition=models.Q(status__in=["booked", "checked_in"]),
                name="hall_one_active_booking_per_service_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.day} {self.start:%H:%M}"


class TicketCounter(models.Model):
    """The last number issued per hall, day and window group; locked while issuing."""

    group = models.ForeignKey(WindowGroup, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "day"], name="hall_counter_unique")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.day} {self.last}"


class Ticket(models.Model):
    """排队号 (A001): one visit, possibly several services."""

    hall = models.ForeignKey(Hall, on_delete=models.PROTECT, related_name="tickets")
    group = models.ForeignKey(WindowGroup, on_delete=models.PROTECT, related_name="tickets")
    issued_group = models.ForeignKey(WindowGroup, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("日期"))
    seq = models.PositiveIntegerField()
    number = models.CharField(_("号码"), max_length=8)
    services = models.ManyToManyField(
        "services_catalog.ServiceItem", verbose_name=_("办理事项"), blank=True, related_name="+"
    )
    channel = models.CharField(_("取号方式"), max_length=12, choices=TicketChannel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hall_tickets",
    )
    appointment = models.OneToOneField(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="ticket"
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("关联办件"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    priority = models.PositiveSmallIntegerField(
        _("优先级"), choices=Priority.choices, default=Priority.NORMAL
    )
    queued_at = models.DateTimeField(_("排队时间"))
    issued_at = models.DateTimeField(_("取号时间"))
    window = models.ForeignKey(
        Window, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hall_tickets_served",
    )
    first_called_at = models.DateTimeField(null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    skips = models.PositiveSmallIntegerField(default=0)
    notified_ahead = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_level = models.PositiveSmallIntegerField(
        _("现场评价"), choices=Satisfaction.choices, null=True, blank=True
    )
    rating_text = models.TextField(_("评价内容"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    evaluation = models.ForeignKey(
        "applications.Evaluation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("排队号")
        verbose_name_plural = _("排队号")
        ordering = ["day", "issued_group", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["issued_group", "day", "seq"], name="hall_ticket_number_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["hall", "day", "group", "status", "priority", "queued_at"],
                name="hall_ticket_queue_idx",
            ),
            models.Index(fields=["window", "status"], name="hall_ticket_window_idx"),
            # Call next: the waiting tickets of one group in calling order, read with LIMIT 1
            # (no sort of the whole waiting line, however long it grows).
            models.Index(
                fields=["hall", "day", "group", "-priority", "queued_at", "id"],
                condition=models.Q(status="waiting"),
                name="hall_ticket_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class CallEvent(models.Model):
    """Each call or recall, in order: what the display shows and speaks."""

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="calls")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="calls")
    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="calls")
    kind = models.CharField(max_length=8, choices=CallKind.choices, default=CallKind.CALL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["hall", "-id"], name="hall_call_recent_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"
