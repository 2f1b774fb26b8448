from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataExchangeConfig(AppConfig):
    name = "data_exchange"
    verbose_name = _("数据共享")

    def ready(self) -> None:
        # Register the Celery tasks in every process (web too), so that the services'
        # enqueue helper finds them by name; importing them here is the registration.
        from data_exchange import tasks  # noqa: F401
