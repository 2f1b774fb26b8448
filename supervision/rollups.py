"""Daily rollups: every figure the dashboards and /statistics/ show, per day and per
(department, service, staff member), computed from the lower apps' selectors; and the 12345
appeals per day received, department and type (participation's `department_stats` counters).

A day is recomputed as a whole (delete + insert in one transaction), so recomputing is
idempotent. The beat task refreshes the last SUPERVISION_ROLLUP_REFRESH_DAYS days every few
minutes, and the appeal rows of older days that participation says are not settled (open
appeals, or a step lately); `manage.py supervision_rebuild_rollups` rebuilds any range.
Requests never scan the source tables: they read these rows (appeals: plus today's, live).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from applications import selectors as cases
from data_exchange import selectors as exchange
from participation import selectors as participation
from supervision.models import AppealRollup, CaseRollup, ExchangeRollup, RollupState

_COUNTERS = (
    "received",
    "accepted",
    "finished",
    "on_time_promised",
    "on_time_legal",
    "special",
    "supplements",
    "rated",
    "good",
    "bad",
    "rectified",
)
_STEP_FIELD = {
    "submit": "received",
    "accept": "accepted",
    "suspend": "special",
    "request_supplement": "supplements",
}


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    return since, dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def _empty() -> dict:
    return {**dict.fromkeys(_COUNTERS, 0), "handling_hours": 0.0}


Key = tuple[dt.date, int, int, int | None]


def _case_rows(start: dt.date, end: dt.date) -> dict[Key, dict]:
    since, until = day_bounds(start, end)
    rows: dict[Key, dict] = defaultdict(_empty)
    for step in cases.case_step_counts_between(since=since, until=until):
        staff = step["actor_id"] if step["actor_role"] in ("clerk", "reviewer") else None
        key = (step["day"], step["department_id"], step["service_id"], staff)
        rows[key][_STEP_FIELD[step["action"]]] += step["n"]
    finished = cases.cases_finished_between(since=since, until=until)
    evaluations = cases.evaluations_between(since=since, until=until)
    resolved = cases.tickets_resolved_between(since=since, until=until)
    deciders = cases.case_deciders(
        application_ids=sorted(
            {r["pk"] for r in finished} | {r["application_id"] for r in evaluations + resolved}
        )
    )
    local = timezone.localdate
    for case in finished:
        done = local(case["completed_at"])
        row = rows[(done, case["department_id"], case["service_id"], deciders.get(case["pk"]))]
        row["finished"] += 1
        row["on_time_promised"] += int(case["promised_due"] is None or done <= case["promised_due"])
        row["on_time_legal"] += int(case["legal_due"] is None or done <= case["legal_due"])
        if case["submitted_at"]:
            hours = (case["completed_at"] - case["submitted_at"]).total_seconds() / 3600
            row["handling_hours"] += max(hours, 0.0)
    for rating in evaluations:
        staff = deciders.get(rating["application_id"])
        row = rows[
            (local(rating["created_at"]), rating["department_id"], rating["service_id"], staff)
        ]
        row["rated"] += 1
        row["good"] += int(rating["level"] <= 3)
        row["bad"] += int(rating["level"] >= 4)
    for ticket in resolved:
        staff = deciders.get(ticket["application_id"])
        key = (local(ticket["created_at"]), ticket["department_id"], ticket["service_id"], staff)
        rows[key]["rectified"] += 1
    return rows


_COLUMNS = ("day", "department_id", "service_id", "staff_id", *_COUNTERS, "handling_hours")


def _insert(rows: dict[Key, dict]) -> None:
    """One executemany: rollup rows are plain numbers, and the ORM's per-object cost would
    dominate a rebuild (10,000 rows take seconds through bulk_create)."""
    table = connection.ops.quote_name(CaseRollup._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    adapt = connection.ops.adapt_datefield_value
    params = [
        (adapt(day), d, s, u, *(values[c] for c in _COUNTERS), values["handling_hours"])
        for (day, d, s, u), values in rows.items()
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 5000):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - fixed names
                params[start : start + 5000],
            )


def rollup_range(*, start: dt.date, end: dt.date) -> int:
    """Recompute the days [start, end] as a whole; returns the number of case rows written."""
    rows = _case_rows(start, end)
    since, until = day_bounds(start, end)
    health = exchange.exchange_health_between(since=since, until=until)
    appeals = participation.appeal_counts_by_day(since=since, until=until)
    now = timezone.now()
    with transaction.atomic():
        CaseRollup.objects.filter(day__gte=start, day__lte=end).delete()
        _insert(rows)
        ExchangeRollup.objects.filter(day__gte=start, day__lte=end).delete()
        ExchangeRollup.objects.bulk_create(
            [ExchangeRollup(**row) for row in health], batch_size=1000
        )
        _appeals_replace(start, end, appeals)
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        RollupState.objects.filter(day__in=days).delete()
        RollupState.objects.bulk_create(
            [RollupState(day=day, computed_at=now, appeals_computed_at=now) for day in days]
        )
    return len(rows)


def _appeals_replace(start: dt.date, end: dt.date, rows: list[dict]) -> None:
    AppealRollup.objects.filter(day__gte=start, day__lte=end).delete()
    AppealRollup.objects.bulk_create([AppealRollup(**row) for row in rows], batch_size=2000)


def day_runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) ranges."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def appeal_rollup_days(*, days: list[dt.date]) -> int:
    """Recompute only the appeal rows of these days (each run of consecutive days as a whole,
    in one transaction); returns the number of days. Days never rolled up as a whole keep no
    state and are read live."""
    now = timezone.now()
    for first, last in day_runs(days):
        since, until = day_bounds(first, last)
        rows = participation.appeal_counts_by_day(since=since, until=until)
        with transaction.atomic():
            _appeals_replace(first, last, rows)
            RollupState.objects.filter(day__gte=first, day__lte=last).update(
                appeals_computed_at=now
            )
    return len(set(days))


def rollups_rebuild(*, start: dt.date, end: dt.date, chunk_days: int = 7) -> int:
    """Recompute every day in [start, end], a week at a time; returns the number of days."""
    day = start
    while day <= end:
        last = min(day + dt.timedelta(days=chunk_days - 1), end)
        rollup_range(start=day, end=last)
        day = last + dt.timedelta(days=1)
    return (end - start).days + 1 if end >= start else 0


def rollups_refresh(*, today: dt.date | None = None) -> int:
    """Recompute the recent days, where new steps, ratings and rectifications land, and the
    appeal rows of older days whose appeals are still open or took a step within those days
    (an appeal is counted on the day it was received, its answer may come weeks later)."""
    today = today or timezone.localdate()
    days = max(getattr(settings, "SUPERVISION_ROLLUP_REFRESH_DAYS", 2), 1)
    first = today - dt.timedelta(days=days - 1)
    refreshed = rollups_rebuild(start=first, end=today)
    changed_since, _until = day_bounds(first, today)
    older = [
        day
        for day in participation.appeal_days_unsettled(changed_since=changed_since)
        if day < first
    ]
    appeal_rollup_days(days=older)
    return refreshed
