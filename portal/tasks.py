"""Celery tasks of the portal app. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from portal.services.imports import power_import_run


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def list_import_run(list_import_id: int) -> None:
    """Run a confirmed bulk import (one transaction; status says done or failed)."""
    try:
        power_import_run(list_import_id=list_import_id)
    except Exception:  # the failure is recorded on the ListImport row for the user to read
        return
