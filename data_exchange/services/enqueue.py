"""This app's services reach its Celery tasks by name, through config.tasks.

`data_exchange.tasks` imports the services at its top; the services never import the tasks
module, so there is no import cycle to hide.
"""

from __future__ import annotations

from config.tasks import send

PULL_BATCH = "data_exchange.tasks.evidence_pull_batch"


def enqueue(task_name: str, *args, **options) -> None:
    """Send `task_name(*args)` with Celery `apply_async` options (e.g. retry=False)."""
    send(task_name, *args, options=options)
