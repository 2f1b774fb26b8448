"""The Celery application. Settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("yiwangtongban")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
def db_connections_checked(sender=None, **kwargs) -> None:
    """Before a worker task: drop a reused connection that is obsolete or unusable.

    With CELERY_DB_REUSE_MAX the connection outlives a task. Django does this check per
    request (DB_CONN_MAX_AGE, errors); here it runs per task, plus a round trip to catch a
    connection the server closed or a task interrupted mid-query. Not for eager tasks: they
    run inside the caller's request and transaction.
    """
    if sender is None or getattr(sender.request, "is_eager", False):
        return
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()
        if conn.connection is not None and not conn.is_usable():
            conn.close()
