from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from workdays.constants import DayKind
from workdays.models import CalendarDay, CalendarYear


class CalendarYearFactory(DjangoModelFactory):
    class Meta:
        model = CalendarYear
        django_get_or_create = ("year",)

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知"

    class Params:
        confirmed_year = factory.Trait(confirmed=True)


class CalendarDayFactory(DjangoModelFactory):
    class Meta:
        model = CalendarDay

    calendar = factory.SubFactory(CalendarYearFactory)
    kind = DayKind.HOLIDAY
    name = "元旦"
