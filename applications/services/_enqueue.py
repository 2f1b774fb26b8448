"""The app's tasks, reached by name after the transaction commits (config.tasks.enqueue).

Services never import applications.tasks (the tasks import the services), so there is no
services↔tasks cycle to hide inside a function.
"""

from __future__ import annotations

from config.tasks import enqueue as enqueue_task


def enqueue(task_name: str, *args: object) -> None:
    """Send applications.tasks.<task_name>(*args) once the current transaction commits."""
    enqueue_task(f"applications.tasks.{task_name}", *args)


def enqueue_document(application_id: int, doc_type: str, *, notify_event: str = "") -> None:
    """Render a document after commit; with notify_event, the step's notice goes out from the
    same task once the document exists (one message to the broker instead of two)."""
    if notify_event:
        enqueue("document_render", application_id, doc_type, notify_event)
    else:
        enqueue("document_render", application_id, doc_type)


def enqueue_notification(application_id: int, event: str) -> None:
    enqueue("notification_send", application_id, event)
