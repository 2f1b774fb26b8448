"""12345 appeals benchmarks (issue 15). Prints its figures; never asserts on time.

On a database filled by bench/volume_appeals.py (1,000,000 appeals), times in-process requests
(Django test client: the view's own cost, no network) against the same run's /healthz:

1. the hotline operator's queues (/hotline/?queue=…) and a department's queue (/dept/appeals/):
   target p95 <= 100 ms;
2. the duplicate check (并单 candidates) of a new appeal whose text resembles existing ones:
   target p95 <= 300 ms;
3. submitting an appeal through /appeals/new/ with --workers processes (2 = the 2 cores):
   target >= 100 a second, beside the same processes' /healthz rate.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ywtb_appeals \\
        .venv/bin/python bench/bench_appeals.py [--requests 40] [--submits 200] [--workers 2]
Without REDIS_URL the receipt and hot-topic tasks run eagerly inside each submission (the
slowest case); with it they are only enqueued.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("STAFF_MFA_REQUIRED", "false")
os.environ["PARTICIPATION_SUBMIT_RATE"] = "1000000"


def _p(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def _sql(client, url: str) -> str:
    """Queries and their database time for one request: what the volume costs, apart from the
    Python and template time that a crowded CPU inflates."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return f"{len(captured.captured_queries)} queries, SQL {ms:.0f} ms"


def _time_get(client, url: str, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return _p(samples)


def queues(n: int) -> None:
    from django.test import Client

    from accounts.models import User

    operator, handler = Client(), Client()
    operator.force_login(User.objects.get(username="operator"))
    handler.force_login(User.objects.get(username="handler_scjg"))
    base = _time_get(Client(), "/healthz", n)
    print(f"  {'/healthz (baseline)':<40} {base[0]:7.1f} / {base[1]:7.1f}")
    for queue in ("intake", "returns", "callback", "unsatisfied", "overdue"):
        url = f"/hotline/?queue={queue}"
        median, p95 = _time_get(operator, url, n)
        print(f"  {url:<40} {median:7.1f} / {p95:7.1f}   ({_sql(operator, url)})")
    for url in ("/dept/appeals/", "/dept/appeals/?state=handling", "/dept/appeals/?state=closed"):
        median, p95 = _time_get(handler, url, n)
        print(f"  {url:<40} {median:7.1f} / {p95:7.1f}   ({_sql(handler, url)})")


def dashboard(n: int) -> None:
    """The supervision dashboard with its appeals panel (default 180-day period), and the
    per-department appeal figures alone."""
    from django.test import Client

    from accounts.models import User
    from participation.selectors import department_stats, hot_topics
    from supervision.periods import period_from_query

    boss = Client()
    boss.force_login(User.objects.get(username="supervisor"))
    median, p95 = _time_get(boss, "/supervision/", max(n // 4, 5))
    sql = _sql(boss, "/supervision/")
    print(f"  {'/supervision/ (whole page)':<40} {median:7.1f} / {p95:7.1f}   ({sql})")
    since, until = period_from_query({}).bounds()
    for label, call in (
        ("department_stats (180 days)", lambda: department_stats(since=since, until=until)),
        ("hot_topics (month, city-wide)", lambda: hot_topics(period="month")),
    ):
        samples = []
        for _ in range(max(n // 4, 5)):
            t = time.perf_counter()
            call()
            samples.append((time.perf_counter() - t) * 1000)
        median, p95 = _p(samples)
        print(f"  {label:<40} {median:7.1f} / {p95:7.1f}")


def duplicates(n: int) -> None:
    from django.utils import timezone

    from participation.appeals.models import Appeal
    from participation.appeals.selectors import duplicate_candidates

    recent = list(
        Appeal.objects.filter(state="handling")
        .order_by("-created_at")
        .values("tokens", "region_code")[:n]
    )
    samples, found = [], 0
    for row in recent:
        new = Appeal(tokens=row["tokens"], region_code=row["region_code"])
        new.created_at = timezone.now()
        t = time.perf_counter()
        found += bool(duplicate_candidates(appeal=new))
        samples.append((time.perf_counter() - t) * 1000)
    median, p95 = _p(samples)
    print(f"  duplicate check ({len(samples)} new appeals, {found} with candidates) "
          f"{median:7.1f} / {p95:7.1f}")  # fmt: skip


def _worker(args: tuple) -> tuple[int, float]:
    index, count, url, post = args
    import django

    django.setup()
    from django.test import Client

    from participation.appeals.models import AppealCategory

    client = Client(REMOTE_ADDR=f"10.9.{index}.1")
    category = AppealCategory.objects.values_list("code", flat=True).first()
    started, ok = time.perf_counter(), 0
    for i in range(count):
        if post:
            data = {
                "appeal_type": "consult", "category": category,
                "subject": "小区门口夜间施工噪音扰民",
                "description": f"城中路{i}号附近夜间施工噪音扰民，已持续一周，希望尽快处理。",
                "region_code": "310114", "reporter_name": "王先生",
                "reporter_phone": "13912345678", "submission_key": f"bs-{os.getpid()}-{i}",
            }  # fmt: skip
            response = client.post(url, data)
            ok += response.status_code == 302
        else:
            ok += client.get(url).status_code == 200
    return ok, time.perf_counter() - started


def throughput(*, url: str, post: bool, count: int, workers: int) -> tuple[int, float]:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with ctx.Pool(workers) as pool:
        results = pool.map(_worker, [(i, count, url, post) for i in range(workers)])
    wall = time.perf_counter() - started
    busy = max(r[1] for r in results)  # excludes process start-up and django.setup()
    ok = sum(r[0] for r in results)
    del wall
    return ok, ok / busy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--submits", type=int, default=200, help="per worker")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    from participation.appeals.models import Appeal

    total = Appeal.objects.count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {total:,} appeals")
    print("queues, ms (median / p95):")
    queues(args.requests)
    print("supervision, ms (median / p95):")
    dashboard(args.requests)
    print("duplicate check, ms (median / p95):")
    duplicates(args.requests * 2)
    print(f"throughput, {args.workers} processes:")
    ok, rate = throughput(url="/healthz", post=False, count=args.submits * 4, workers=args.workers)
    print(f"  /healthz (baseline)       {rate:8.1f} /s ({ok} ok)")
    ok, rate = throughput(url="/appeals/new/", post=True, count=args.submits, workers=args.workers)
    print(f"  POST /appeals/new/        {rate:8.1f} /s ({ok} appeals)")
    stored = Appeal.objects.filter(submission_key__startswith="bs-").count()
    print(f"  stored {stored} bench submissions (the database is for benchmarks only)")


if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
