"""The supervision dashboard's 12345 figures at volume: raw aggregation against the daily
AppealRollup (issue 14). Prints its figures; never asserts on time.

On a migrated PostgreSQL database, fills it up to --appeals appeals with
bench/volume_appeals.py (COPY; spread over --days, the last 30 days holding the open ones),
then times in-process requests (Django test client: the view's own cost, no network) against
the same run's bare-Django baseline (/healthz through the portal's middleware):

1. before: no rollup rows, so the figures are aggregated over the raw appeals per request (what
   `participation.selectors.department_stats` did for the dashboard until now);
2. the rollup: a full rebuild of the period, then the beat task's refresh (recent days plus the
   older days that still hold open appeals);
3. after: the same requests reading the rollup (today live), cold (caches cleared before each
   request) and warm; and a check that both give exactly the same numbers.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ywtb_rollup \\
        .venv/bin/python bench/bench_appeal_stats.py [--appeals 200000] [--days 180] [--requests 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("STAFF_MFA_REQUIRED", "false")


def _p(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timed(call, n: int, *, cold: bool = False) -> tuple[float, float]:
    from django.core.cache import cache

    samples = []
    for _ in range(n):
        if cold:
            cache.clear()
        t = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t) * 1000)
    return _p(samples)


def _get(client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return call


def _sql(client, url: str) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return f"{len(captured.captured_queries)} queries, SQL {ms:.0f} ms"


def _row(label: str, figures: tuple[float, float], extra: str = "") -> None:
    print(f"  {label:<52} {figures[0]:8.1f} / {figures[1]:8.1f}   {extra}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--days", type=int, default=180, help="spread of generated appeals")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from participation import selectors as participation
    from participation.appeals.models import Appeal
    from participation.selectors import department_stats
    from supervision.appeals import appeal_department_stats
    from supervision.models import AppealRollup, RollupState
    from supervision.periods import period_from_query
    from supervision.rollups import rollups_rebuild, rollups_refresh

    sys.path.insert(0, str(ROOT / "bench"))
    import volume_appeals

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, nproc {os.cpu_count()}")
    print(f"load average at start: {_load()}")
    existing = Appeal.objects.count()
    if existing < args.appeals:
        print(f"generating {args.appeals - existing:,} appeals over {args.days} days…")
        volume_appeals.generate(count=args.appeals - existing, batch=50_000, days=args.days)
    total = Appeal.objects.count()
    period = period_from_query({})
    since, until = period.bounds()
    in_period = Appeal.objects.filter(created_at__gte=since, created_at__lt=until).count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, {total:,} appeals, "
        f"{in_period:,} in the dashboard's default period ({period.start} – {period.end})"
    )
    n = args.requests
    boss = Client()
    boss.force_login(User.objects.get(username="supervisor"))
    plain = Client()

    print("ms, median / p95:")
    _row("/healthz (bare-Django baseline)", _timed(_get(plain, "/healthz"), n * 5))

    # 1. before: no rollup rows → every day is aggregated live from the appeals
    AppealRollup.objects.all().delete()
    RollupState.objects.all().delete()
    _row(
        "before: department_stats, raw (180 days)",
        _timed(lambda: department_stats(since=since, until=until), n),
    )
    _row(
        "before: /supervision/ (cold)",
        _timed(_get(boss, "/supervision/"), n, cold=True),
        _sql(boss, "/supervision/"),
    )

    # 2. the rollup
    today = timezone.localdate()
    t = time.perf_counter()
    rollups_rebuild(start=period.start, end=today)
    rebuild = time.perf_counter() - t
    t = time.perf_counter()
    rollups_refresh()
    refresh = time.perf_counter() - t
    unsettled = len(participation.appeal_days_unsettled(changed_since=since))
    print(
        f"  rebuild of {period.days} days: {rebuild:.1f} s ({AppealRollup.objects.count():,} "
        f"appeal rows); beat refresh (recent + unsettled days, {unsettled} days hold open "
        f"appeals): {refresh:.1f} s"
    )

    # 3. after
    _row(
        "after: appeal_department_stats, rollup (180 days)",
        _timed(lambda: appeal_department_stats(period=period), n),
    )
    _row(
        "after: /supervision/ (cold)",
        _timed(_get(boss, "/supervision/"), n, cold=True),
        _sql(boss, "/supervision/"),
    )
    _row("after: /supervision/ (warm)", _timed(_get(boss, "/supervision/"), n))
    _row("/healthz (baseline, again)", _timed(_get(plain, "/healthz"), n * 5))

    def keyed(rows):
        return {r["department_id"]: r for r in rows}

    same = keyed(appeal_department_stats(period=period)) == keyed(
        department_stats(since=since, until=until)
    )
    print(f"rollup figures equal the raw aggregation: {same}")
    print(f"load average at end: {_load()}")


if __name__ == "__main__":
    main()
