"""Supervision benchmarks (issue 14). Prints its figures; never asserts on time.

Builds a volume dataset with the demo's history builder (supervision/demo/history.py: cases with
their events, 补正, 特别程序, ratings, 差评 tickets and evidence requests, over ~2 years),
rebuilds the rollups, then times in-process requests (Django test client, so the figures are
the view's own cost without a network) to every dashboard view and /statistics/, cold
(caches cleared before each request) and warm. Target: p95 <= 1 s for each, over 1,000,000
cases and 10,000,000 events. The history writes ~6-7 events per case; `--pad-events` (default 4) adds
recorded non-state events (document views) per case to reach the event target.

Needs a database: DATABASE_URL=postgres://… (a database `bench_supervision` is created beside
it and dropped afterwards unless --keep) or, without it, an SQLite file under var/bench/.

Usage: .venv/bin/python bench/bench_supervision.py [--cases 1000000] [--days 730]
       [--pad-events 3] [--requests 20] [--keep]
Run it at a small scale on a shared machine: --cases 20000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _database(keep: bool, reuse: bool = False) -> tuple[dict, str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, _ = url.rpartition("/")
        import psycopg

        if not reuse:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS bench_supervision WITH (FORCE)")
                conn.execute("CREATE DATABASE bench_supervision")
        url = f"{base}/bench_supervision"
    else:
        path = ROOT / "var" / "bench" / "supervision.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "STAFF_MFA_REQUIRED": "false",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    return env, url


def _build(cases: int, days: int, pad: int) -> dict:
    from django.utils import timezone

    from accounts import demo as accounts_demo
    from applications.models import ApplicationEvent
    from services_catalog import demo as catalogue_demo
    from supervision.demo.history import History, keep_timestamps, write_plans
    from supervision.demo.loader import cast_build

    accounts_demo.load()
    catalogue_demo.load()
    cast = cast_build()
    now = timezone.now()
    history = History(cast=cast, now=now, seed=99)
    rng = random.Random(5)
    totals = {"cases": 0, "events": 0}
    started = time.monotonic()
    chunk = 10_000
    for offset in range(0, cases, chunk):
        size = min(chunk, cases - offset)
        times = sorted(now - dt.timedelta(days=days * rng.random()) for _ in range(size))
        plans = [history.plan_case(offset + i + 1, at) for i, at in enumerate(times)]
        written = write_plans(plans, supervisor=cast.supervisor, now=now)
        totals["cases"] += written["cases"]
        totals["events"] += written["events"]
        if pad:
            with keep_timestamps(ApplicationEvent):
                extra = [
                    ApplicationEvent(
                        application=p.app,
                        action="view",
                        from_status=p.app.status,
                        to_status=p.app.status,
                        actor=cast.supervisor,
                        actor_role="reviewer",
                        office="效能监督",
                        created_at=p.steps[-1][7],
                    )
                    for p in plans
                    for _ in range(pad)
                ]
                ApplicationEvent.objects.bulk_create(extra, batch_size=5000)
            totals["events"] += len(extra)
        print(
            f"  {totals['cases']:>9,} cases {totals['events']:>11,} events "
            f"({time.monotonic() - started:.0f} s)",
            flush=True,
        )
    return totals


def _pad_work_records(count: int, days: int) -> int:
    """`count` work-record rows spread over the staff, the cases and `days`, written by SQL in
    chunks (PostgreSQL only). They are not chained (hashes are placeholders): they give the
    work-record reads their volume; the verifier's rate is bench_worklog.py's (b)."""
    from django.db import connection, transaction

    from accounts.models import User

    staff = list(User.objects.filter(kind="staff").values_list("pk", "department_id"))
    if not staff or connection.vendor != "postgresql":
        return 0
    started, chunk, written = time.monotonic(), 1_000_000, 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM applications_application")
        low, high = cursor.fetchone()
        cursor.execute(
            "CREATE TEMP TABLE bench_staff AS SELECT row_number() OVER () - 1 AS k, * "
            "FROM unnest(%s::bigint[], %s::bigint[]) AS s(actor_id, department_id)",
            [[a for a, _ in staff], [d for _, d in staff]],
        )
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO worklog_workrecord (actor_id, actor_name, role, department_id, at,
                    action, label, target_type, target_id, target_label, from_state, to_state,
                    reason, elapsed_seconds, extra, stream, prev_hash, entry_hash)
                SELECT s.actor_id, '工作人员', '部门审批人员', s.department_id,
                    now() - random() * %(days)s * interval '1 day',
                    'applications.view', '查看办件', 'applications.application', c::text,
                    'SQ' || c, '', '', '', 600, '{}'::jsonb, (g %% 32), repeat('0', 64),
                    md5(g::text) || md5(g::text || 'x')
                FROM generate_series(%(first)s, %(last)s) AS g
                CROSS JOIN LATERAL (
                    SELECT %(low)s + (hashint4(g) & 2147483647) %% (%(high)s - %(low)s + 1) AS c
                ) AS pick
                JOIN bench_staff s ON s.k = (g %% %(staff)s)
                """,
                {
                    "days": days,
                    "first": start + 1,
                    "last": start + size,
                    "low": low,
                    "high": high,
                    "staff": len(staff),
                },
            )
            written += cursor.rowcount
        print(f"  {written:>11,} work records ({time.monotonic() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE worklog_workrecord")
    return written


def _time(client, url: str, n: int, cold: bool) -> tuple[float, float]:
    from django.core.cache import cache

    samples = []
    for _ in range(n):
        if cold:
            cache.clear()
        t = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--pad-events", type=int, default=4)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--work-records",
        type=int,
        default=0,
        help="add this many (unchained) work-record rows by SQL, e.g. 10000000 (PostgreSQL)",
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run (PostgreSQL): no build",
    )
    args = parser.parse_args()
    if args.reuse:
        args.keep = True
    _env, url = _database(args.keep, args.reuse)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from accounts.models import Department, User
    from applications.services import applications_flag_deadlines
    from supervision.alerts import warnings_raise
    from supervision.rollups import rollups_rebuild

    print(f"database: {url.split('@')[-1]}")
    today = timezone.localdate()
    if args.reuse:
        from applications.models import Application, ApplicationEvent

        totals = {
            "cases": Application.objects.count(),
            "events": ApplicationEvent.objects.count(),
        }
        if args.work_records:
            _pad_work_records(args.work_records, args.days)
    else:
        totals = _build(args.cases, args.days, args.pad_events)
        if args.work_records:
            _pad_work_records(args.work_records, args.days)
        t = time.monotonic()
        applications_flag_deadlines()
        warnings = warnings_raise(notify=False)
        print(f"flags + warnings: {time.monotonic() - t:.1f} s {warnings}")
        t = time.monotonic()
        rollups_rebuild(start=today - dt.timedelta(days=args.days + 5), end=today)
        print(f"rollup rebuild of {args.days} days: {time.monotonic() - t:.1f} s")
    if connection.vendor == "postgresql":
        # A live database's autovacuum analyses tables as they grow; a bulk-built one has not
        # yet, and with its empty statistics the planner chooses parallel scans with JIT.
        t = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"ANALYZE: {time.monotonic() - t:.1f} s")
    t = time.monotonic()
    rollups_rebuild(start=today - dt.timedelta(days=1), end=today)
    print(f"beat refresh (2 days): {time.monotonic() - t:.2f} s")
    client = Client()
    client.force_login(User.objects.get(username="supervisor"))
    rsj = Department.objects.get(code="rsj").pk
    pages = [
        "/supervision/",
        "/supervision/?start=" + (today - dt.timedelta(days=365)).isoformat(),
        f"/supervision/?department={rsj}",
        f"/supervision/cases/?metric=finished&department={rsj}",
        "/supervision/cases/?metric=red",
        "/supervision/cases/?metric=overdue",
        "/supervision/ratings/",
        "/supervision/me/",
    ]
    from supervision.models import CaseWarning

    late = CaseWarning.objects.filter(cleared_at__isnull=True).order_by("due").first()
    if late is not None:
        pages.append(f"/supervision/cases/{late.application_id}/")  # stage times and trail
    member = User.objects.filter(kind="staff", department_id=rsj).exclude(username="supervisor")
    member = member.order_by("pk").first()
    if member is not None:
        pages.append(f"/supervision/staff/{member.pk}/")  # a member's 工作记实
        pages.append(f"/supervision/?staff={member.pk}")
    public = Client()
    from worklog.models import WorkRecord

    records = WorkRecord.objects.count()
    print(
        f"\n{totals['cases']:,} cases, {totals['events']:,} events, {records:,} work records; "
        "ms (median / p95)"
    )
    for who, urls in (
        (client, pages),
        (public, ["/statistics/", "/statistics/export.csv", "/api/v1/statistics/summary"]),
    ):
        for page in urls:
            cold = _time(who, page, args.requests, cold=True)
            warm = _time(who, page, args.requests, cold=False)
            print(
                f"  {page:<48} cold {cold[0]:7.1f} / {cold[1]:7.1f}   "
                f"warm {warm[0]:7.1f} / {warm[1]:7.1f}"
            )
    if not args.keep and url.startswith("postgres"):
        from django.db import connections

        connections.close_all()
        import psycopg

        base = url.rpartition("/")[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_supervision WITH (FORCE)")


if __name__ == "__main__":
    main()
