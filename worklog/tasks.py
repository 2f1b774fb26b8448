"""Periodic work-record jobs (thin: they call worklog.archive)."""

from __future__ import annotations

from celery import shared_task

from worklog.archive import worklog_archive_segment


@shared_task(acks_late=True, soft_time_limit=1500, time_limit=1800)
def archive_old_records(max_segments: int = 20) -> int:
    """Archive closed segments of records past the retention period; returns how many.
    Idempotent: a second run finds nothing new (or continues where the first stopped)."""
    done = 0
    while done < max_segments and worklog_archive_segment() is not None:
        done += 1
    return done
