"""Celery tasks of the data exchange: they take ids and call services; safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from data_exchange import services
from data_exchange.connectors import DepartmentUnavailable


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def evidence_pull_batch(self, outbox_ids: list[int]) -> dict[int, str]:
    """One reference's pulls in one task; the departments are called concurrently inside it.

    Rows whose department is unavailable continue on the per-row retry path: `evidence_pull`
    after the first backoff step (its Celery retry count continues from this attempt), or the
    beat re-dispatch once retries are exhausted or cannot be enqueued.
    """
    outcome = services.evidence_pull_batch(outbox_ids=outbox_ids)
    for outbox_id in outcome.unavailable:
        if self.request.is_eager or settings.DATA_EXCHANGE_MAX_RETRIES < 1:
            services.outbox_mark_retry_later(outbox_id=outbox_id)
            continue
        try:
            evidence_pull.apply_async(
                args=[outbox_id],
                countdown=settings.DATA_EXCHANGE_RETRY_BACKOFF,
                retries=1,
                retry=False,
            )
        except Exception:  # broker gone meanwhile: the beat job picks the row up
            services.outbox_mark_retry_later(outbox_id=outbox_id)
    return outcome.statuses


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
    max_retries=None,
)
def evidence_pull(self, outbox_id: int) -> str:
    """One row's pull: the retry path with exponential backoff for an unavailable department."""
    try:
        return services.evidence_pull(outbox_id=outbox_id)
    except DepartmentUnavailable as exc:
        eager = self.request.is_eager
        if not eager and self.request.retries < settings.DATA_EXCHANGE_MAX_RETRIES:
            countdown = settings.DATA_EXCHANGE_RETRY_BACKOFF * (2**self.request.retries)
            raise self.retry(exc=exc, countdown=countdown) from None
        # Give up for now; the beat job re-dispatches once the breaker cools down.
        services.outbox_mark_retry_later(outbox_id=outbox_id)
        return "pending"


@shared_task(acks_late=True)
def outbox_redispatch() -> int:
    return services.outbox_redispatch()


@shared_task(acks_late=True)
def evidence_purge_unsubmitted() -> int:
    return services.evidence_purge_unsubmitted()
