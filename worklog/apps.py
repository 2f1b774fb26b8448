from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklogConfig(AppConfig):
    """工作记实: the append-only, hash-chained record of staff actions (floor 0).

    ready() is the ONE place where signal receivers are connected: logins and failed logins
    (worklog/receivers.py). Every other record comes from a service calling record_action.
    """

    name = "worklog"
    verbose_name = _("工作记实")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from worklog import receivers

        user_logged_in.connect(receivers.staff_logged_in, dispatch_uid="worklog.login")
        user_login_failed.connect(receivers.login_failed, dispatch_uid="worklog.login_failed")
