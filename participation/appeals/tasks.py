"""Celery tasks of the appeals loop: thin, idempotent, taking ids."""

from __future__ import annotations

from celery import shared_task

from participation.appeals.hot import hot_topics_count_appeal
from participation.appeals.notify import appeal_send_notice
from participation.appeals.services import appeals_flag_deadlines


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def appeal_notify(appeal_id: int, event: str) -> int:
    return appeal_send_notice(appeal_id=appeal_id, event=event)


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def hot_topics_count(appeal_id: int) -> bool:
    return hot_topics_count_appeal(appeal_id=appeal_id)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def hot_topics_catch_up() -> int:
    """Beat: count appeals whose hot_topics_count task was lost (idempotent)."""
    from participation.appeals.hot import hot_topics_catch_up as catch_up

    return catch_up()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def deadlines_flag() -> dict:
    """Beat: yellow/red warnings on appeals and the system 督办 of overdue ones."""
    return appeals_flag_deadlines()
