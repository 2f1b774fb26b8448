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
        if year is None or formset is None or not formset.is_valid():
            return cleaned
        entries, forms_by_date = [], {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("date") is None:
                continue
            entries.append((data["date"], data.get("kind")))
            forms_by_date.setdefault(data["date"], form)
        problems = calendar_days_check(year=year, entries=entries)
        if problems:
            for problem in problems:
                self.add_error(None, problem)
        return cleaned
