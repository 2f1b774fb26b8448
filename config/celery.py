"""The Celery application. Settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery, signals

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


@signals.worker_ready.connect
def _sweep_on_start(sender=None, **kwargs) -> None:
    from django.conf import settings

    if not getattr(settings, "CELERY_WORKER_STARTUP_SWEEPS", True):
        return
    for name in STARTUP_SWEEPS:
        app.send_task(name)


def _worker_task(sender) -> bool:
    """Eager tasks run inside the caller's request and transaction: leave its connection."""
    return sender is not None and not getattr(sender.request, "is_eager", False)


@signals.task_prerun.connect
def db_connections_not_obsolete(sender=None, **kwargs) -> None:
    """Before a worker task: drop a reused connection past DB_CONN_MAX_AGE or after errors.

    With CELERY_DB_REUSE_MAX the connection outlives a task; Django does this per request.
    """
    if not _worker_task(sender):
        return
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


@signals.task_postrun.connect
def db_connections_usable(sender=None, **kwargs) -> None:
    """After a worker task: drop a connection the task left unusable (e.g. interrupted by a
    time limit mid-query), so the next task starts on a fresh one. After the task rather than
    before, so the round trip is not on the next task's path."""
    if not _worker_task(sender):
        return
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and (conn.in_atomic_block or not conn.is_usable()):
            conn.close()
