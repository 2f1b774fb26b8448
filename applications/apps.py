from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("办件")

    def ready(self) -> None:
        # Register the tasks in this process too (not only in the worker), so that
        # services/_enqueue.py finds them by name in the Celery registry.
        from applications import tasks  # noqa: F401
