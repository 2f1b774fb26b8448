"""Seed every year the installed chinesecalendar knows, marked confirmed (source: the package).

Later years stay absent (待确认) until an administrator enters and confirms them. Runs on
SQLite and PostgreSQL alike; a year already present is left as it is.
"""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from workdays.seed import package_entries, package_source, package_years

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    source = package_source()
    for year in package_years():
        if CalendarYear.objects.filter(year=year).exists():
            continue
        calendar = CalendarYear.objects.create(
            year=year, confirmed=True, confirmed_at=timezone.now(), source=source
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar=calendar, date=day, kind=kind, name=name)
            for day, kind, name in package_entries(year)
        )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
