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

        # data_exchange (a lower floor) reaches this app only through data_exchange.hooks:
        # the wallet re-checks issued certificates against this app's document register, and a
        # withdrawn sharing agreement turns drafts' 免提交 items into uploads, told.
        from applications.services.sharing import drafts_sharing_withdrawn
        from applications.wallet import document_register_entry
        from data_exchange.hooks import issued_register_set, on_agreement_withdrawn

        issued_register_set(document_register_entry)
        on_agreement_withdrawn(drafts_sharing_withdrawn)
