from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("办件")

    def ready(self) -> None:
        # Register the tasks in this process too (not only in the worker), so that
        # services/_enqueue.py finds them by name in the Celery registry.
        from applications import tasks  # noqa: F401

        # Confirming a year's holiday schedule recomputes the open dues that fall into it.
        from applications.deadlines import deadlines_recompute_for_year
        from workdays.hooks import on_year_confirmed

        on_year_confirmed(deadlines_recompute_for_year)

        # The wallet (data_exchange, a lower floor) re-checks issued certificates against
        # this app's document register, which it reaches only through this registration.
        from applications.wallet import document_register_entry
        from data_exchange.services.issued import issued_register_set

        issued_register_set(document_register_entry)
