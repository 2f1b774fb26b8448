from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("账户与部门")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import start_idle_clock

        # The idle clock of a staff session starts at login (docs/accounts.md, "One guarded
        # door"), so the first page after login does not have to write the session again.
        user_logged_in.connect(start_idle_clock, dispatch_uid="accounts.start_idle_clock")
