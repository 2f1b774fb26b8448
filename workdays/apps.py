from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    """The official holiday calendar (法定节假日与调休) and working-day arithmetic (floor 0)."""

    name = "workdays"
    verbose_name = _("工作日历")
