from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklogConfig(AppConfig):
    """工作记实: the append-only, hash-chained record of staff actions (floor 0).

    ready() is the ONE place where login/denial receivers are connected (worklog/receivers.py).
    """

    name = "worklog"
    verbose_name = _("工作记实")
