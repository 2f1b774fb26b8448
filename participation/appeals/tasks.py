"""Celery tasks of the appeals loop: thin, idempotent, taking ids.

The ones the services enqueue are fire-and-forget (nobody reads their result): they ignore
their result, so sending one is a single push to the broker, without the result backend's
subscription to a result that never comes (a SUBSCRIBE and UNSUBSCRIBE per task on Redis).
"""

from __future__ import annotations

from celery import shared_task

from participation.appeals.hot import hot_topics_count_appeal
from participation.appeals.notify import appeal_received_followup, appeal_send_notice
from participation.appeals.services import appeals_flag_deadlines


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
def appeal_notify(appeal_id: int, event: str) -> int:
    return appeal_send_notice(appeal_id=appeal_id, event=event)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
def appeal_received(appeal_id: int, events: list[str]) -> int:
    """After a new appeal commits: the reporter's notices of its first steps (受理, and 派单
    when the catalogue dispatched it), then its hot-topic count. One message for what were
    three tasks; each part is idempotent, so the whole is safe to run twice."""
    return appeal_received_followup(appeal_id=appeal_id, events=events)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
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
