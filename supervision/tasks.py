"""Celery tasks of supervision: thin, idempotent, taking ids."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def rollups_refresh() -> int:
    """Recompute the recent days' rollups (beat)."""
    from supervision.rollups import rollups_refresh as refresh

    return refresh()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def warnings_raise() -> dict:
    """Raise and clear 红黄牌 (beat)."""
    from supervision.alerts import warnings_raise as raise_warnings

    return raise_warnings()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def warning_notify(warning_id: int) -> bool:
    """Tell the holder and the department head about one warning, once."""
    from supervision.notify import warning_notify as notify

    return notify(warning_id=warning_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def chase_notify(chase_id: int) -> bool:
    """Tell the holder (or, with nobody holding the case, the department head) of a 督办."""
    from supervision.notify import chase_notify as notify

    return notify(chase_id=chase_id)
