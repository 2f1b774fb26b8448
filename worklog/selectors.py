"""Reads of the work record (工作记实) for `supervision` and the staff's own pages.

Every selector returns a QuerySet newest first (a case's trail, `records_for_target`, runs
oldest first), optionally bounded by `since` (inclusive) and `until` (exclusive); callers
page it with `records_page`. Permission to read someone else's record is the caller's check
(and recording that view is the caller's `record_action`).
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet

from worklog.models import WorkRecord

MAX_PER_PAGE = 200


def _bounded(
    queryset: QuerySet[WorkRecord], since: dt.datetime | None, until: dt.datetime | None
) -> QuerySet[WorkRecord]:
    if since is not None:
        queryset = queryset.filter(at__gte=since)
    if until is not None:
        queryset = queryset.filter(at__lt=until)
    return queryset


def records_for_actor(
    *, actor, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> QuerySet[WorkRecord]:
    """What one staff member did (我的工作记实), newest first."""
    queryset = WorkRecord.objects.filter(actor_id=actor.pk).order_by("-at", "-id")
    return _bounded(queryset, since, until)


def records_for_department(
    *, department, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> QuerySet[WorkRecord]:
    """Everything recorded against one department, newest first."""
    queryset = WorkRecord.objects.filter(department_id=department.pk).order_by("-at", "-id")
    return _bounded(queryset, since, until)


def records_for_target(
    *, target: Model | None = None, target_type: str = "", target_id: str = ""
) -> QuerySet[WorkRecord]:
    """One object's trail (e.g. a case's every step), oldest first."""
    if target is not None:
        target_type, target_id = target._meta.label_lower, str(target.pk)
    return WorkRecord.objects.filter(target_type=target_type, target_id=str(target_id)).order_by(
        "id"
    )


def records_between(
    *, since: dt.datetime, until: dt.datetime, action_prefix: str = ""
) -> QuerySet[WorkRecord]:
    """Every record in [since, until), newest first; optionally only one app's actions
    (`action_prefix="applications."`). A reversed range is empty, never an error."""
    queryset = _bounded(WorkRecord.objects.order_by("-at", "-id"), since, until)
    if action_prefix:
        queryset = queryset.filter(action__startswith=action_prefix)
    return queryset


def records_page(*, records: QuerySet[WorkRecord], page: int | str = 1, per_page: int = 50) -> Page:
    """One page of records (at most MAX_PER_PAGE); a page out of range gives the last one."""
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    return Paginator(records.select_related("actor", "department"), per_page).get_page(page)
