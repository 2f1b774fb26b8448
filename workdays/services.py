"""Writes to the official calendar. Every change goes through here, so that it is validated
with the date named, the cache is cleared, and the work record and callbacks see it.

Changing the days of a confirmed year sets it back to unconfirmed (待确认): the changed
schedule takes effect when someone confirms it again, which reruns the callbacks.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workdays import hooks, seed
from workdays.constants import MAX_YEAR, MIN_YEAR, DayKind
from workdays.errors import SeedUnavailable
from workdays.models import CalendarDay, CalendarYear, entry_errors
from workdays.selectors import VERSION_KEY, clear_cache
from worklog.services import record_action


def _changed() -> None:
    """Forget cached years here now, and everywhere once the change commits."""
    clear_cache()
    _bump()
    transaction.on_commit(lambda: (_bump(), clear_cache()))


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def _check_year(year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("年度须在 %(min)s 至 %(max)s 之间：%(year)s")
            % {"min": MIN_YEAR, "max": MAX_YEAR, "year": year}
        )
    return year


def calendar_year_get_or_create(*, year: int, source: str = "", notes: str = "") -> CalendarYear:
    calendar, _created = CalendarYear.objects.get_or_create(
        year=_check_year(year), defaults={"source": source.strip(), "notes": notes.strip()}
    )
    return calendar


def _unconfirm(calendar: CalendarYear, actor, why: str) -> None:
    if calendar.confirmed:
        calendar.confirmed, calendar.confirmed_by, calendar.confirmed_at = False, None, None
        calendar.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
        record_action(
            actor=actor,
            action="workdays.unconfirm",
            label=_("节假日安排改为待确认"),
            target=calendar,
            from_state="confirmed",
            to_state="unconfirmed",
            reason=why,
        )


def calendar_day_add(
    *, day: dt.date, kind: str, name: str = "", actor=None, calendar: CalendarYear | None = None
) -> CalendarDay:
    """Add one entry; a date already entered, a 调休上班 day on a weekday or a date outside the
    year is refused with the date named, and nothing changes."""
    kind = DayKind(kind)
    with transaction.atomic():
        calendar = calendar or calendar_year_get_or_create(year=day.year)
        errors = entry_errors(day=day, kind=kind, year=calendar.year)
        if CalendarDay.objects.filter(date=day).exists():
            errors.insert(
                0, _("%(date)s 已在日历中，同一日期只能有一条记录。") % {"date": f"{day:%Y-%m-%d}"}
            )
        if errors:
            raise ValidationError({"date": errors})
        entry = CalendarDay.objects.create(
            calendar=calendar, date=day, kind=kind, name=name.strip()
        )
        _unconfirm(calendar, actor, _("新增 %(entry)s") % {"entry": entry})
        _changed()
    return entry


def calendar_day_remove(*, entry: CalendarDay, actor=None) -> None:
    with transaction.atomic():
        calendar = CalendarYear.objects.select_for_update().get(pk=entry.calendar_id)
        description = str(entry)
        entry.delete()
        _unconfirm(calendar, actor, _("删除 %(entry)s") % {"entry": description})
        _changed()


def calendar_days_check(*, year: int, entries: list[tuple[dt.date, str]]) -> list[str]:
    """Every problem of a whole year's entries (for the admin form), each naming its date."""
    errors, seen = [], set()
    for day, kind in entries:
        if day in seen:
            errors.append(
                _("%(date)s 重复填写，同一日期只能有一条记录。") % {"date": f"{day:%Y-%m-%d}"}
            )
        seen.add(day)
        errors += entry_errors(day=day, kind=kind, year=year)
    return errors


def calendar_confirm_year(*, year: int, actor, source: str = "") -> CalendarYear:
    """Confirm a year's schedule (recorded in the work record), then run the registered
    callbacks (workdays.hooks) inside the same transaction."""
    with transaction.atomic():
        calendar = calendar_year_get_or_create(year=year)
        calendar = CalendarYear.objects.select_for_update().get(pk=calendar.pk)
        problems = calendar_days_check(
            year=calendar.year, entries=list(calendar.days.values_list("date", "kind"))
        )
        if problems:
            raise ValidationError(problems)
        was_confirmed = calendar.confirmed
        calendar.confirmed, calendar.confirmed_by, calendar.confirmed_at = (
            True,
            actor,
            timezone.now(),
        )
        if source.strip():
            calendar.source = source.strip()
        calendar.save()
        record_action(
            actor=actor,
            action="workdays.confirm",
            label=_("确认节假日安排"),
            target=calendar,
            from_state="confirmed" if was_confirmed else "unconfirmed",
            to_state="confirmed",
            reason=calendar.source,
            extra={"holidays": calendar.days.filter(kind=DayKind.HOLIDAY).count()},
        )
        _changed()
        try:
            hooks.run_year_confirmed(year=calendar.year, actor=actor)
        except Exception:
            clear_cache()  # the confirmation rolls back: forget what was read inside it
            raise
    return calendar


def calendar_seed_year(*, year: int, actor=None) -> CalendarYear:
    """Load a year from the chinesecalendar package and confirm it (source: the package).

    The year's entries are replaced by the package's. SeedUnavailable if it has no data.
    """
    if year not in seed.package_years():
        raise SeedUnavailable(year)
    with transaction.atomic():
        calendar = calendar_year_get_or_create(year=year)
        calendar.days.all().delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar=calendar, date=day, kind=kind, name=name)
            for day, kind, name in seed.package_entries(year)
        )
        _changed()
        return calendar_confirm_year(year=year, actor=actor, source=seed.package_source())


def calendar_seed_all(*, actor=None) -> list[int]:
    """Seed every year the package knows that is not in the calendar yet (idempotent; called
    by setup_portal). Years already present — entered or confirmed by a person — are kept."""
    present = set(CalendarYear.objects.values_list("year", flat=True))
    missing = [year for year in seed.package_years() if year not in present]
    for year in missing:
        calendar_seed_year(year=year, actor=actor)
    return missing


def calendar_year_edited(
    *, calendar: CalendarYear, actor, days_changed: bool, confirm: bool
) -> CalendarYear:
    """After the admin form saved a year (its entries already validated by the form):
    a changed schedule goes back to 待确认 unless the editor confirms it in the same save."""
    with transaction.atomic():
        if days_changed:
            _unconfirm(calendar, actor, _("在管理后台修改了日历条目"))
        _changed()
        if confirm:
            return calendar_confirm_year(year=calendar.year, actor=actor)
    return calendar
