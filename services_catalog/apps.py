from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesCatalogConfig(AppConfig):
    name = "services_catalog"
    verbose_name = _("办事指南")

    def ready(self) -> None:
        from services_catalog import signals

        signals.connect()

        # Stewards file sharing requests only for their own department's services.
        from data_exchange.hooks import on_agreement_withdrawn, service_directory_register
        from services_catalog.selectors import services_of_department

        service_directory_register(services_of_department)
        # A withdrawn agreement changes what the guide pages say (免提交 → upload).
        on_agreement_withdrawn(signals.agreement_withdrawn)
