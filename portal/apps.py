from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from config.pagecache import version_source_register
        from portal import signals  # noqa: F401  (cache invalidation on publish)
        from services_catalog.selectors import catalog_version

        # Cached public pages show service names and links: a guide change makes them fresh.
        version_source_register(catalog_version)
