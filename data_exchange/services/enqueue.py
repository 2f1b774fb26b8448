"""The one way this app's services reach its Celery tasks: by registered task name.

`data_exchange.tasks` imports the services at its top; the services never import the tasks
module, so there is no import cycle to hide. The tasks are registered when the app is ready
(`DataExchangeConfig.ready`), so an eager (in-process) run finds them too.
"""

from __future__ import annotations

from celery import current_app

PULL_BATCH = "data_exchange.tasks.evidence_pull_batch"


def enqueue(task_name: str, *args, **options) -> None:
    """Send `task_name(*args)` with Celery `apply_async` options (e.g. retry=False)."""
    current_app.tasks[task_name].apply_async(args=list(args), **options)
