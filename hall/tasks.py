"""Celery tasks of the hall: thin, take ids, safe to run twice."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from hall import notify, services


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def notice_send(event: str, pk: int) -> int:
    return notify.notice_deliver(event=event, pk=pk)


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def tickets_near_notify(group_id: int, day: str) -> int:
    return services.tickets_notify_near(group_id=group_id, day=dt.date.fromisoformat(day))


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def appointments_remind() -> int:
    return services.appointments_send_reminders()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def appointments_no_show() -> int:
    return services.appointments_mark_no_show()
