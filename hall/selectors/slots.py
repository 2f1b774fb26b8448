"""Time slots: opening hours on working days, capacity from the staffed windows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from hall.calendar import is_working_day
from hall.constants import AppointmentStatus
from hall.models import Hall, WindowGroup

ACTIVE_BOOKING = Q(status__in=[AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN])


@dataclass(frozen=True)
class Slot:
    day: dt.date
    start: dt.time
    end: dt.time
    capacity: int
    booked: int
    past: bool

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)

    @property
    def bookable(self) -> bool:
        return not self.past and self.free > 0

    @property
    def key(self) -> str:
        return f"{self.start:%H:%M}"


def hall_open_on(*, hall: Hall, day: dt.date) -> bool:
    """A working day in the holiday calendar, or any day for a 周末不打烊 hall."""
    return hall.rest_day_service or is_working_day(day=day)


def slot_capacity(*, group: WindowGroup, day: dt.date) -> int:
    staffed = group.windows.filter(active=True, assignments__day=day).distinct().count()
    return staffed * group.hall.per_window_per_slot


def _slot_times(hall: Hall, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    step = dt.timedelta(minutes=hall.slot_minutes)
    times = []
    for hours in hall.opening_hours.filter(weekday=day.weekday()).order_by("opens"):
        start = dt.datetime.combine(day, hours.opens)
        closes = dt.datetime.combine(day, hours.closes)
        while start + step <= closes:
            times.append((start.time(), (start + step).time()))
            start += step
    return times


def day_slots(*, group: WindowGroup, day: dt.date, now: dt.datetime) -> list[Slot]:
    """Every slot of the day for the group; empty on a holiday or a closed day."""
    hall = group.hall
    if not hall_open_on(hall=hall, day=day):
        return []
    times = _slot_times(hall, day)
    if not times:
        return []
    capacity = slot_capacity(group=group, day=day)
    counts = dict(
        group.appointments.filter(ACTIVE_BOOKING, day=day)
        .values("start")
        .annotate(n=Count("id"))
        .values_list("start", "n")
    )
    local_now = now.replace(tzinfo=None)
    return [
        Slot(
            day=day,
            start=start,
            end=end,
            capacity=capacity,
            booked=counts.get(start, 0),
            past=dt.datetime.combine(day, start) <= local_now,
        )
        for start, end in times
    ]


def slot_find(*, group: WindowGroup, day: dt.date, start: dt.time, now: dt.datetime) -> Slot | None:
    return next((s for s in day_slots(group=group, day=day, now=now) if s.start == start), None)
