"""Wagtail admin: the calendar year by year (an inline of its days), and the years that are
still 待确认 named on the admin home page and above the list."""

from __future__ import annotations

from django.contrib import messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from workdays.forms import CalendarYearForm
from workdays.models import CalendarYear
from workdays.selectors import unconfirmed_years
from workdays.services import calendar_year_edited


def _missing_message() -> str:
    years = unconfirmed_years()
    if not years:
        return ""
    return _("以下年度的节假日安排尚未确认，落在其中的办理时限显示为“待确认”：%(years)s") % {
        "years": "、".join(f"{y} 年" for y in years)
    }


class _SavesThroughServices:
    """Create/edit: the form saves the year and its entries, then the service applies the
    consequences (back to 待确认 on change, or confirm, callbacks, work record)."""

    def save_instance(self):
        days = self.form.formsets.get("days")
        days_changed = bool(days and days.has_changed())
        instance = super().save_instance()
        return calendar_year_edited(
            calendar=instance,
            actor=self.request.user,
            days_changed=days_changed,
            confirm=self.form.cleaned_data.get("confirm", False),
        )


class CalendarCreateView(_SavesThroughServices, CreateView):
    pass


class CalendarEditView(_SavesThroughServices, EditView):
    pass


class CalendarIndexView(IndexView):
    def get(self, request, *args, **kwargs):
        if message := _missing_message():
            messages.warning(request, message)
        return super().get(request, *args, **kwargs)


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = gettext_lazy("工作日历")
    menu_name = "workdays"
    add_to_admin_menu = True
    menu_order = 800
    index_view_class = CalendarIndexView
    add_view_class = CalendarCreateView
    edit_view_class = CalendarEditView
    list_display = ["year", "confirmed_label", "confirmed_by", "confirmed_at", "source"]
    ordering = ["-year"]
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("source"),
            FieldPanel("notes"),
            InlinePanel("days", label=gettext_lazy("节假日与调休上班日")),
            FieldPanel("confirm"),
        ],
        base_form_class=CalendarYearForm,
    )


register_snippet(CalendarYearViewSet)


class UnconfirmedYearsPanel(Component):
    """Admin home: which years are missing or unconfirmed."""

    name = "workdays_unconfirmed"
    order = 90

    def render_html(self, parent_context=None) -> str:
        message = _missing_message()
        if not message:
            return ""
        return format_html(
            '<section class="panel w-mb-8" aria-labelledby="workdays-unconfirmed">'
            '<h2 id="workdays-unconfirmed" class="w-h3">{}</h2><p>{}</p></section>',
            _("工作日历待确认"),
            message,
        )


@hooks.register("construct_homepage_panels")
def add_unconfirmed_years_panel(request, panels):
    if request.user.has_perm("workdays.change_calendaryear"):
        panels.append(UnconfirmedYearsPanel())
