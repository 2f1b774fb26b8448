"""Reads of supervision. Figures come from the daily rollups (never a scan of the source
tables per request); the case lists read the lower apps through their selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from accounts.models import User
from accounts.selectors import departments_all
from applications import selectors as cases
from supervision.constants import WarningLevel
from supervision.models import CaseRollup, CaseWarning, Chase, ExchangeRollup
from supervision.periods import Period
from supervision.stages import StageTime, current_stage, recorded_reason, stage_times

SUMS = (
    "received",
    "accepted",
    "finished",
    "on_time_promised",
    "on_time_legal",
    "handling_hours",
    "special",
    "supplements",
    "rated",
    "good",
    "bad",
    "rectified",
)


def _rate(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def with_rates(row: dict) -> dict:
    """Add the published ratios to a row of summed counters."""
    for key in SUMS:
        row[key] = row.get(key) or 0
    row["on_time_promised_rate"] = _rate(row["on_time_promised"], row["finished"])
    row["on_time_legal_rate"] = _rate(row["on_time_legal"], row["finished"])
    row["good_rate"] = _rate(row["good"], row["rated"])
    # Rectifications land on the day they are confirmed, 差评 on the day they are given: within a
    # short bucket the ratio can pass 100 %, which would say nothing; it is capped.
    rate = _rate(row["rectified"], row["bad"])
    row["rectified_rate"] = min(rate, 100.0) if rate is not None else None
    row["avg_handling_days"] = (
        round(row["handling_hours"] / row["finished"] / 24, 1) if row["finished"] else None
    )
    row["late"] = row["finished"] - row["on_time_promised"]
    row["late_legal"] = row["finished"] - row["on_time_legal"]
    return row


def _sums() -> dict:
    return {key: Sum(key) for key in SUMS}


def rollups_for(
    *,
    period: Period,
    department_id: int | None = None,
    service_id: int | None = None,
    staff_id: int | None = None,
) -> QuerySet[CaseRollup]:
    qs = CaseRollup.objects.filter(day__gte=period.start, day__lte=period.end)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    if staff_id is not None:
        qs = qs.filter(staff_id=staff_id)
    return qs


def _series(qs: QuerySet[CaseRollup], period: Period) -> list[dict]:
    """Per day, or per month over long periods, with zero days filled in."""
    if period.days > 92:
        rows = {
            r["bucket"]: r
            for r in qs.annotate(bucket=TruncMonth("day")).values("bucket").annotate(**_sums())
        }
        buckets, day = [], period.start.replace(day=1)
        while day <= period.end:
            buckets.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        label = "%Y-%m"
    else:
        rows = {r["day"]: r for r in qs.values("day").annotate(**_sums())}
        buckets = [period.start + dt.timedelta(days=i) for i in range(period.days)]
        label = "%m-%d"
    out = []
    for bucket in buckets:
        row = with_rates(dict(rows.get(bucket) or {}))
        row["label"] = bucket.strftime(label)
        row.pop("bucket", None)
        row.pop("day", None)
        out.append(row)
    return out


def _grouped(qs: QuerySet[CaseRollup], key: str, name: str, limit: int) -> list[dict]:
    rows = qs.values(key, name).annotate(**_sums()).order_by("-received", "-finished", key)[:limit]
    return [with_rates({**r, "id": r[key], "name": r[name]}) for r in rows]


def _current(department_id: int | None) -> dict[int, dict]:
    """Running cases and open warnings per department, now."""
    running = {
        r["department_id"]: r for r in cases.running_case_counts(department_id=department_id)
    }
    warnings = CaseWarning.objects.filter(cleared_at__isnull=True)
    if department_id is not None:
        warnings = warnings.filter(department_id=department_id)
    for row in warnings.values("department_id").annotate(
        red=Count("pk", filter=Q(level=WarningLevel.RED)),
        yellow=Count("pk", filter=Q(level=WarningLevel.YELLOW)),
    ):
        running.setdefault(row["department_id"], {"total": 0, "overdue": 0, "due_soon": 0})
        running[row["department_id"]].update(red=row["red"], yellow=row["yellow"])
    return running


def exchange_health(*, period: Period, department_code: str | None = None) -> list[dict]:
    names = {d.code: d.name for d in departments_all()}
    qs = ExchangeRollup.objects.filter(day__gte=period.start, day__lte=period.end)
    if department_code:
        qs = qs.filter(department_code=department_code)
    rows = []
    for r in (
        qs.values("department_code")
        .annotate(
            requested=Sum("requested"),
            verified=Sum("verified"),
            failed=Sum("failed"),
            latency_ms_sum=Sum("latency_ms_sum"),
            latency_count=Sum("latency_count"),
        )
        .order_by("department_code")
    ):
        r["name"] = names.get(r["department_code"], r["department_code"])
        r["success_rate"] = _rate(r["verified"], r["requested"])
        r["avg_latency_ms"] = (
            round(r["latency_ms_sum"] / r["latency_count"]) if r["latency_count"] else None
        )
        rows.append(r)
    return rows


def dashboard(
    *,
    period: Period,
    department_id: int | None = None,
    service_id: int | None = None,
    staff_id: int | None = None,
) -> dict:
    """Everything the supervision dashboard shows for one scope and period."""
    qs = rollups_for(
        period=period, department_id=department_id, service_id=service_id, staff_id=staff_id
    )
    totals = with_rates(qs.aggregate(**_sums()))
    current = _current(department_id)
    departments = {r["id"]: r for r in _grouped(qs, "department_id", "department__name", 100)}
    for dept in departments_all().order_by("code"):
        if department_id is not None and dept.pk != department_id:
            continue
        row = departments.setdefault(dept.pk, with_rates({"id": dept.pk, "name": dept.name}))
        row.update({"total": 0, "overdue": 0, "due_soon": 0, "red": 0, "yellow": 0})
        row.update(current.get(dept.pk, {}))
    department_rows = sorted(departments.values(), key=lambda r: (-r.get("red", 0), r["name"]))
    department_code = None
    if department_id is not None:
        department_code = next((d.code for d in departments_all() if d.pk == department_id), None)
    return {
        "totals": totals,
        "series": _series(qs, period),
        "departments": department_rows,
        "services": _grouped(qs, "service_id", "service__name", 20),
        "staff": _grouped(qs.filter(staff__isnull=False), "staff_id", "staff__real_name", 30),
        "exchange": exchange_health(period=period, department_code=department_code),
        "current": {
            k: sum(r.get(k, 0) for r in department_rows)
            for k in ("total", "overdue", "due_soon", "red", "yellow")
        },
    }


# --- Who is late and why ---------------------------------------------------------------------


@dataclass
class LateCase:
    application: object
    holder: User | None
    stage: str
    stages: list[StageTime]
    reason: str
    warning: str = ""
    chase: Chase | None = None
    events: list = field(default_factory=list)


def explain(*, applications: list) -> list[LateCase]:
    """Holder, current stage, time per stage and the recorded reason of each case."""
    holders = cases.case_holders(applications=applications)
    events = cases.case_events_by_case(application_ids=[a.pk for a in applications])
    ids = [a.pk for a in applications]
    warnings = {}
    for w in CaseWarning.objects.filter(application_id__in=ids, cleared_at__isnull=True):
        if w.level == WarningLevel.RED or w.application_id not in warnings:
            warnings[w.application_id] = w.level
    chases = {
        c.application_id: c
        for c in Chase.objects.filter(application_id__in=ids, answered_at__isnull=True)
    }
    out = []
    for app in applications:
        trail = events.get(app.pk, [])
        out.append(
            LateCase(
                application=app,
                holder=holders.get(app.pk),
                stage=current_stage(status=app.status),
                stages=stage_times(events=trail),
                reason=recorded_reason(events=trail),
                warning=warnings.get(app.pk, ""),
                chase=chases.get(app.pk),
                events=trail,
            )
        )
    return out


def warned_cases(*, level: str, department_id: int | None = None, limit: int = 100) -> list:
    qs = CaseWarning.objects.filter(cleared_at__isnull=True, level=level).select_related(
        "application", "application__department"
    )
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return [w.application for w in qs.order_by("due", "pk")[:limit]]


def open_chases_for(*, user: User) -> QuerySet[Chase]:
    """督办 waiting for this user's answer (as holder, or as the department's head)."""
    from accounts.selectors import user_is_department_head

    condition = Q(holder=user)
    if user_is_department_head(user=user):
        condition |= Q(department_id=user.department_id)
    return (
        Chase.objects.filter(condition, answered_at__isnull=True)
        .select_related("application", "issued_by")
        .order_by("due_date")
    )


def chases_involving(*, user: User, limit: int = 50) -> QuerySet[Chase]:
    """Every 督办 the user held or answered, newest first (for 我的工作记实)."""
    return (
        Chase.objects.filter(Q(holder=user) | Q(answered_by=user) | Q(issued_by=user))
        .select_related("application", "issued_by", "answered_by")
        .order_by("-issued_at")[:limit]
    )


def warnings_for(*, user: User) -> QuerySet[CaseWarning]:
    return (
        CaseWarning.objects.filter(holder=user, cleared_at__isnull=True)
        .select_related("application")
        .order_by("due")
    )


def chases_for_case(*, application) -> list[Chase]:
    return list(
        Chase.objects.filter(application=application).select_related("issued_by", "answered_by")
    )


# --- Work records (工作记实, read from worklog) ------------------------------------------------


def work_trail(*, application) -> list:
    """Every recorded staff action on one case, from the work record."""
    from worklog.selectors import records_for_target

    return list(records_for_target(target=application).select_related("actor")[:200])


def work_records_of(*, user: User, limit: int = 100) -> list:
    from worklog.selectors import records_for_actor

    return list(records_for_actor(actor=user)[:limit])
