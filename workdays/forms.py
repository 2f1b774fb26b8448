"""The admin form of one year: entries are checked together, each problem naming its date."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from workdays.services import calendar_days_check


class CalendarYearForm(WagtailAdminModelForm):
    confirm = forms.BooleanField(
        label=_("保存并确认本年度安排"),
        required=False,
        help_text=_("已按国务院办公厅通知核对无误。确认后将重算落在该年度的办理时限。"),
    )

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        formset = self.formsets.get("days")
        if year is None or formset is None:
            return cleaned
        formset.is_valid()  # cleans each entry (the formset's own duplicate check is generic)
        entries = [entry for form in formset.forms if (entry := _entry(form)) is not None]
        for problem in calendar_days_check(year=year, entries=entries):
            self.add_error(None, problem)
        return cleaned


def _entry(form) -> tuple | None:
    """(date, kind) of one inline entry, read from its input: the formset's own duplicate
    check strips the date from `cleaned_data` of the second occurrence."""
    data = getattr(form, "cleaned_data", None)
    if data is None or data.get("DELETE"):
        return None
    try:
        day = form.fields["date"].clean(form["date"].value())
    except forms.ValidationError:
        return None
    return (day, data.get("kind")) if day is not None else None
