"""The Celery application. Settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("yiwangtongban")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Sweeps a worker enqueues as it comes up: work that a crash interrupted (a document half
# rendered, a pull left dispatched) is finished at restart, not at the next beat tick.
STARTUP_SWEEPS = (
    "applications.tasks.documents_reconcile",
    "data_exchange.tasks.outbox_redispatch",
)


@worker_ready.connect
def _sweep_on_start(sender=None, **kwargs) -> None:
    from django.conf import settings

    if not getattr(settings, "CELERY_WORKER_STARTUP_SWEEPS", True):
        return
    for name in STARTUP_SWEEPS:
        app.send_task(name)
