"""预约: book, change, cancel, check in; the no-show rule and the day-before reminder."""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from hall import clock, selectors
from hall.constants import CHECK_IN_EARLY_MINUTES, AppointmentStatus, Priority, TicketChannel
from hall.errors import HallError
from hall.models import Appointment, Hall, Ticket, WindowGroup
from hall.notify import enqueue_notice
from hall.selectors.slots import ACTIVE_BOOKING, hall_open_on
from services_catalog.models import ServiceItem

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8


def normalise_code(raw: str) -> str:
    """NFKC (full-width keypads), trim, upper case, drop spaces and dashes."""
    text = unicodedata.normalize("NFKC", raw or "").strip().upper()
    return "".join(ch for ch in text if ch not in " -")


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _now() -> dt.datetime:
    return clock.now()


def _slot_start(day: dt.date, start: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, start))


def _check_slot(
    *, user: User, hall: Hall, group: WindowGroup, day: dt.date, start: dt.time, now: dt.datetime
) -> None:
    """Every reason a slot cannot be booked, in the order a person would want to hear them."""
    if not hall.active:
        raise HallError(_("该大厅暂不开放预约。"))
    suspended = selectors.booking_suspended_until(user=user, hall=hall, today=now.date())
    if suspended:
        raise HallError(
            _("您近期爽约次数过多，%(day)s 前暂停预约。") % {"day": suspended.isoformat()}
        )
    if _slot_start(day, start) <= now:
        raise HallError(_("该时段已过，请选择之后的时段。"))
    if day > now.date() + dt.timedelta(days=hall.booking_days_ahead):
        raise HallError(_("最多可提前 %(n)s 天预约。") % {"n": hall.booking_days_ahead})
    if not hall_open_on(hall=hall, day=day):
        raise HallError(_("该日为节假日或休息日，大厅不办公。"))
    slot = selectors.slot_find(group=group, day=day, start=start, now=now)
    if slot is None:
        raise HallError(_("该时段不在大厅开放时间内。"))


def _lock_and_check_capacity(
    *, group: WindowGroup, day: dt.date, start: dt.time, exclude_pk: int | None = None
) -> None:
    """Lock the group row so concurrent bookings of its slots queue up, then count."""
    WindowGroup.objects.select_for_update().get(pk=group.pk)
    capacity = selectors.slot_capacity(group=group, day=day)
    taken = (
        Appointment.objects.filter(ACTIVE_BOOKING, group=group, day=day, start=start)
        .exclude(pk=exclude_pk)
        .count()
    )
    if taken >= capacity:
        raise HallError(_("该时段已约满，请选择其他时段。"))


def appointment_book(
    *,
    user: User,
    hall: Hall,
    service: ServiceItem,
    day: dt.date,
    start: dt.time,
    now: dt.datetime | None = None,
) -> Appointment:
    """Book one slot. Exactly one of two people racing for the last place succeeds."""
    now = now or _now()
    groups = selectors.groups_for_service(hall=hall, service=service)
    if not groups or not service.appointment:
        raise HallError(_("该大厅不受理此事项的预约。"))
    group = groups[0]
    _check_slot(user=user, hall=hall, group=group, day=day, start=start, now=now)
    slot = selectors.slot_find(group=group, day=day, start=start, now=now)
    try:
        with transaction.atomic():
            _lock_and_check_capacity(group=group, day=day, start=start)
            appointment = Appointment.objects.create(
                code=_new_code(),
                user=user,
                hall=hall,
                group=group,
                service=service,
                application=selectors.open_case_for_service(user=user, service=service),
                day=day,
                start=start,
                end=slot.end,
            )
            enqueue_notice("appointment_booked", appointment.pk)
    except IntegrityError as exc:
        raise HallError(_("您已预约过该事项当天的时段，如需调整请改约。")) from exc
    return appointment


def _check_changeable(appointment: Appointment, user: User, now: dt.datetime) -> None:
    if appointment.user_id != user.pk:
        raise HallError(_("未找到该预约。"))
    if appointment.status != AppointmentStatus.BOOKED:
        raise HallError(_("该预约已签到、取消或爽约，不能再修改。"))
    limit = _slot_start(appointment.day, appointment.start) - dt.timedelta(
        hours=appointment.hall.change_hours_before
    )
    if now >= limit:
        raise HallError(
            _("时段开始前 %(h)s 小时内不能取消或改约。")
            % {"h": appointment.hall.change_hours_before}
        )


def appointment_cancel(
    *, appointment: Appointment, user: User, now: dt.datetime | None = None
) -> Appointment:
    now = now or _now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _check_changeable(appointment, user, now)
        appointment.status = AppointmentStatus.CANCELLED
        appointment.changed_at = now
        appointment.save(update_fields=["status", "changed_at"])
    return appointment


def appointment_reschedule(
    *,
    appointment: Appointment,
    user: User,
    day: dt.date,
    start: dt.time,
    now: dt.datetime | None = None,
) -> Appointment:
    """改约: same code, same service, another slot of the same group."""
    now = now or _now()
    _check_changeable(appointment, user, now)
    group = appointment.group
    _check_slot(user=user, hall=appointment.hall, group=group, day=day, start=start, now=now)
    slot = selectors.slot_find(group=group, day=day, start=start, now=now)
    try:
        with transaction.atomic():
            _lock_and_check_capacity(group=group, day=day, start=start, exclude_pk=appointment.pk)
            locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
            _check_changeable(locked, user, now)
            locked.day, locked.start, locked.end = day, start, slot.end
            locked.changed_at = now
            locked.reminded_at = None
            locked.save(update_fields=["day", "start", "end", "changed_at", "reminded_at"])
    except IntegrityError as exc:
        raise HallError(_("您已预约过该事项当天的时段。")) from exc
    return locked


def appointment_check_in(*, hall: Hall, code: str, now: dt.datetime | None = None) -> Ticket:
    """签到 at the kiosk: a valid code for today turns into a ticket, ahead of walk-ins when the
    person is within the slot. A forged, expired or other hall's code is refused alike."""
    from hall.services.tickets import ticket_issue

    now = now or _now()
    refused = HallError(_("预约码无效或已过期，请核对后重试，或直接取号。"))
    code = normalise_code(code)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise refused
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update()
            .filter(code=code, hall=hall, day=now.date(), status=AppointmentStatus.BOOKED)
            .select_related("service", "group")
            .first()
        )
        if appointment is None or _slot_start(appointment.day, appointment.end) <= now:
            raise refused
        early = _slot_start(appointment.day, appointment.start) - dt.timedelta(
            minutes=CHECK_IN_EARLY_MINUTES
        )
        ticket = ticket_issue(
            hall=hall,
            services=[appointment.service],
            channel=TicketChannel.APPOINTMENT,
            user=appointment.user,
            appointment=appointment,
            application=appointment.application,
            group=appointment.group,
            priority=Priority.APPOINTMENT if now >= early else Priority.NORMAL,
            now=now,
        )
        appointment.status = AppointmentStatus.CHECKED_IN
        appointment.checked_in_at = now
        appointment.save(update_fields=["status", "checked_in_at"])
    return ticket


def appointments_mark_no_show(*, now: dt.datetime | None = None) -> int:
    """爽约: booked, never checked in, and the slot has ended. Safe to run again."""
    now = now or _now()
    past_days = Appointment.objects.filter(status=AppointmentStatus.BOOKED, day__lt=now.date())
    today_ended = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED, day=now.date(), end__lte=now.time()
    )
    return (past_days | today_ended).update(status=AppointmentStatus.NO_SHOW, changed_at=now)


def appointments_send_reminders(*, now: dt.datetime | None = None) -> int:
    """The day-before reminder, once per appointment (reminded_at)."""
    now = now or _now()
    tomorrow = now.date() + dt.timedelta(days=1)
    ids = list(
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED, day=tomorrow, reminded_at__isnull=True
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            claimed = Appointment.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                enqueue_notice("appointment_reminder", pk)
    return len(ids)
