"""Factories for the hall; `staffed_hall` builds a hall ready to book and call on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from applications.tests.factories import ServiceFactory, clerk_for
from hall.models import Hall, OpeningHours, Window, WindowAssignment, WindowGroup

TZ = ZoneInfo("Asia/Shanghai")
# A Wednesday that is a working day in the official calendar.
WORKDAY = dt.date(2026, 12, 2)
HOLIDAY = dt.date(2026, 10, 1)  # 国庆节, a Thursday


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


class HallFactory(DjangoModelFactory):
    class Meta:
        model = Hall
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试政务服务中心{n}")
    slug = factory.Sequence(lambda n: f"hall{n}")
    address = "测试路 1 号"

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for weekday in range(5):
            OpeningHours.objects.create(
                hall=self, weekday=weekday, opens=dt.time(9), closes=dt.time(12)
            )
            OpeningHours.objects.create(
                hall=self, weekday=weekday, opens=dt.time(13), closes=dt.time(17)
            )


class WindowGroupFactory(DjangoModelFactory):
    class Meta:
        model = WindowGroup

    hall = factory.SubFactory(HallFactory)
    name = factory.Sequence(lambda n: f"窗口组{n}")
    prefix = factory.Sequence(lambda n: "ABCDEFGHJK"[n % 10])


class WindowFactory(DjangoModelFactory):
    class Meta:
        model = Window

    group = factory.SubFactory(WindowGroupFactory)
    hall = factory.LazyAttribute(lambda o: o.group.hall)
    number = factory.Sequence(lambda n: n + 1)


@dataclass
class StaffedHall:
    hall: Hall
    group: WindowGroup
    service: object
    windows: list[Window] = field(default_factory=list)
    clerks: list = field(default_factory=list)


def staffed_hall(*, windows: int = 1, day: dt.date = WORKDAY, prefix: str = "A") -> StaffedHall:
    """One hall, one group serving one bookable service, ``windows`` windows staffed on ``day``."""
    hall = HallFactory()
    group = WindowGroupFactory(hall=hall, prefix=prefix, name="社保窗口")
    service = ServiceFactory(appointment=True)
    group.services.add(service)
    built = StaffedHall(hall=hall, group=group, service=service)
    for i in range(windows):
        window = WindowFactory(group=group, hall=hall, number=i + 1)
        clerk = clerk_for()
        WindowAssignment.objects.create(window=window, day=day, staff=clerk)
        built.windows.append(window)
        built.clerks.append(clerk)
    return built
