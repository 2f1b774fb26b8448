from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from portal import signals  # noqa: F401  (cache invalidation on publish)
