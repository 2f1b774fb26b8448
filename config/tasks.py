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

    module_name, _, attribute = task_name.rpartition(".")

    def send() -> None:
        task = getattr(importlib.import_module(module_name), attribute)
        task.delay(*args, **kwargs)

    transaction.on_commit(send)
