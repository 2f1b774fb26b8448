"""The one way a service enqueues a Celery task: by name, after the current transaction commits.

Services never import their app's ``tasks`` module (the tasks import the services), so no
services↔tasks cycle is hidden inside a function. In eager mode (no ``REDIS_URL``) the task runs
in-process right after the commit, exactly as a worker would run it.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db import transaction


def enqueue(task_name: str, *args: Any, **kwargs: Any) -> None:
    """Send ``task_name`` (e.g. ``"policies.tasks.benefit_scan_batch"``) once the transaction commits.

    Outside a transaction the task is sent at once. Arguments are ids and plain values.
    """

    transaction.on_commit(lambda: send(task_name, *args, **kwargs))


def send(task_name: str, *args: Any, options: dict | None = None, **kwargs: Any) -> None:
    """Send ``task_name`` now, with Celery ``apply_async`` options (e.g. ``{"retry": False}``).

    For callers that already run after commit and must know whether the broker took it.
    """
    module_name, _, attribute = task_name.rpartition(".")
    task = getattr(importlib.import_module(module_name), attribute)
    task.apply_async(args=list(args), kwargs=kwargs, **(options or {}))
