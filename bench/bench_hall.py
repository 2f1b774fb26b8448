"""Concurrency figures of the service hall (never timed assertions in tests).

1. Tickets: N concurrent ticket requests (default 1,000 from 32 threads, each its own
   PostgreSQL connection) for one window group: every number distinct, none missing.
2. Call next: W windows (default 20) calling next and finishing concurrently for a bounded
   time (default 60 s; the issue's figure is 5 minutes: --seconds 300): no ticket called
   twice, call-next latency p50/p95/p99. With --serve-ms N, a second run where each window
   serves its ticket N ms before finishing and looks again a second after an empty queue.
3. Displays (with --url of a running portal, 127.0.0.1 only): D pollers (default 50) read
   /hall/<hall>/display/state.json every second while calls happen; the delay from a call
   to each display seeing it, p50/p95.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ywtb_hall_bench \\
        .venv/bin/python bench/bench_hall.py [--tickets 1000] [--windows 20] [--seconds 60]
        [--url http://127.0.0.1:8000 --displays 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

DAY = dt.date(2026, 12, 2)  # a working Wednesday


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup(windows: int):
    from zoneinfo import ZoneInfo

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.constants import Role
    from accounts.models import Department
    from accounts.services import roles_sync, staff_create
    from hall.models import Hall, OpeningHours, Window, WindowAssignment, WindowGroup
    from services_catalog.models import ServiceItem

    roles_sync()
    run = str(int(time.time()))
    dept, _ = Department.objects.get_or_create(
        code="zwfw", defaults={"name": "政务服务中心", "uscc": "11310000MB2F100000"}
    )
    service, _ = ServiceItem.objects.get_or_create(
        code="BENCH-20-0001",
        defaults=dict(
            basic_code="0",
            name="压测事项",
            department=dept,
            item_type="20",
            audience="person",
            live=True,
            legal_limit_days=1,
            promised_limit_days=1,
        ),
    )
    hall = Hall.objects.create(name=f"压测大厅{run}", slug=f"bench-{run}")
    OpeningHours.objects.create(
        hall=hall, weekday=DAY.weekday(), opens=dt.time(0), closes=dt.time(23, 59)
    )
    group = WindowGroup.objects.create(hall=hall, prefix="A", name="压测窗口组")
    group.services.add(service)
    staffed = []
    for n in range(1, windows + 1):
        window = Window.objects.create(hall=hall, group=group, number=n)
        clerk = staff_create(
            username=f"bench-{run}-{n}",
            email="",
            password=None,
            real_name=f"压测{n}",
            department=dept,
            roles=[Role.WINDOW_CLERK],
        )
        WindowAssignment.objects.create(window=window, day=DAY, staff=clerk)
        staffed.append((window, clerk))
    now = dt.datetime(DAY.year, DAY.month, DAY.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    return hall, group, service, staffed, now


def bench_tickets(hall, service, now, count: int, threads: int) -> dict:
    from django.db import connections

    from hall import services
    from hall.constants import TicketChannel

    latencies: list[float] = []
    lock = threading.Lock()

    def take(_):
        started = time.perf_counter()
        try:
            seq = services.ticket_issue(
                hall=hall, services=[service], channel=TicketChannel.KIOSK, now=now
            ).seq
        finally:
            connections.close_all()
        with lock:
            latencies.append((time.perf_counter() - started) * 1000)
        return seq

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        seqs = list(pool.map(take, range(count)))
    elapsed = time.perf_counter() - started
    return {
        "requests": count,
        "threads": threads,
        "distinct": len(set(seqs)),
        "gaps": sorted(set(range(1, count + 1)) - set(seqs)),
        "seconds": round(elapsed, 2),
        "per_second": round(count / elapsed, 1),
        "p50_ms": round(_pct(latencies, 50), 1),
        "p95_ms": round(_pct(latencies, 95), 1),
    }


def bench_calls(
    hall, service, staffed, now, seconds: float, on_call=None, serve_ms: float = 0
) -> dict:
    """Windows calling next for `seconds`. With `serve_ms` 0 (the stress figure) each window
    calls again the moment it finishes and retries an empty queue every 10 ms, all in this one
    process's threads; with `serve_ms` > 0 (the hall figure) each window serves its ticket for
    that long before finishing, and looks again one second after an empty answer, as the
    console's refresh does."""
    from django.db import connections

    from hall import services
    from hall.constants import TicketChannel
    from hall.errors import HallError

    stop = time.monotonic() + seconds
    called: list[int] = []
    latencies: list[float] = []
    empty = 0
    lock = threading.Lock()

    def feeder():
        # Keep the queue stocked so windows measure calling, not an empty queue: topped up to
        # 100 waiting tickets every 50 ms, the kiosk's load no more than the windows need.
        from hall.constants import TicketStatus
        from hall.models import Ticket

        while time.monotonic() < stop:
            waiting = Ticket.objects.filter(hall=hall, status=TicketStatus.WAITING).count()
            for _ in range(max(0, min(20, 100 - waiting))):
                services.ticket_issue(
                    hall=hall, services=[service], channel=TicketChannel.KIOSK, now=now
                )
            time.sleep(0.05)
        connections.close_all()

    def window_loop(pair):
        nonlocal empty
        window, clerk = pair
        mine, times = [], []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                ticket = services.ticket_call_next(window=window, clerk=clerk, now=now)
            except HallError:
                with lock:
                    empty += 1
                time.sleep(1.0 if serve_ms else 0.01)
                continue
            times.append((time.perf_counter() - started) * 1000)
            mine.append(ticket.pk)
            if on_call:
                on_call(ticket.number, window.number)
            if serve_ms:
                time.sleep(serve_ms / 1000)
            services.ticket_finish(ticket=ticket, clerk=clerk)
        connections.close_all()
        with lock:
            called.extend(mine)
            latencies.extend(times)

    for _ in range(10):
        services.ticket_issue(hall=hall, services=[service], channel=TicketChannel.KIOSK, now=now)
    threads = [threading.Thread(target=feeder)] + [
        threading.Thread(target=window_loop, args=(pair,)) for pair in staffed
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "windows": len(staffed),
        "seconds": seconds,
        "serve_ms": serve_ms,
        "calls": len(called),
        "distinct": len(set(called)),
        "called_twice": len(called) - len(set(called)),
        "empty_queue_answers": empty,
        "p50_ms": round(_pct(latencies, 50), 1) if latencies else None,
        "p95_ms": round(_pct(latencies, 95), 1) if latencies else None,
        "p99_ms": round(_pct(latencies, 99), 1) if latencies else None,
    }


def profile_call(pair, now) -> None:
    """The statements of one call-next, uncontended (what the latency is made of)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hall import services

    window, clerk = pair
    clerk.has_perm("hall.view_ticket")  # loaded by the view's permission check in a request
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        ticket = services.ticket_call_next(window=window, clerk=clerk, now=now)
        elapsed = (time.perf_counter() - started) * 1000
    print(f"one call-next, alone: {len(ctx.captured_queries)} statements, {elapsed:.1f} ms")
    for q in ctx.captured_queries:
        print(f"  {q['time']}s  {q['sql'][:110]}")
    services.ticket_finish(ticket=ticket, clerk=clerk)


def bench_displays(url: str, slug: str, displays: int, seconds: float, calls_source) -> dict:
    """Each poller records when it first saw each call id; delay = seen - called."""
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit("--url must point at 127.0.0.1")
    state_url = f"{url}/hall/{slug}/display/state.json"
    seen: dict[int, list[float]] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def poll():
        known: set[int] = set()
        while time.monotonic() < stop:
            with urllib.request.urlopen(state_url, timeout=5) as r:  # noqa: S310 (127.0.0.1 only)
                state = json.load(r)
            now = time.time()
            for c in state["calls"]:
                if c["id"] not in known:
                    known.add(c["id"])
                    with lock:
                        seen.setdefault(c["number"], []).append(now)
            time.sleep(1)

    threads = [threading.Thread(target=poll) for _ in range(displays)]
    for t in threads:
        t.start()
    calls_source(stop)
    for t in threads:
        t.join()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", default="")
    parser.add_argument("--displays", type=int, default=50)
    parser.add_argument(
        "--serve-ms",
        type=float,
        default=0,
        help="also measure windows that serve each ticket this long (the hall figure)",
    )
    parser.add_argument(
        "--serving-only", action="store_true", help="with --serve-ms: skip the stress figure"
    )
    parser.add_argument(
        "--no-worklog",
        action="store_true",
        help="diagnostic: skip the work record, to see what its chain lock costs",
    )
    args = parser.parse_args()
    if args.seconds > 600 or args.tickets > 20000:
        raise SystemExit("bounded: at most 600 s and 20,000 tickets")

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL URL on 127.0.0.1")
    hall, _group, service, staffed, now = setup(args.windows)
    if args.no_worklog:
        import hall.services.calling as calling

        calling.record = lambda **kwargs: None
    print("tickets:", json.dumps(bench_tickets(hall, service, now, args.tickets, args.threads)))
    profile_call(staffed[0], now)
    if not args.url:
        if not (args.serving_only and args.serve_ms):
            stress = bench_calls(hall, service, staffed, now, args.seconds)
            print("call-next:", json.dumps(stress))
        if args.serve_ms:
            paced = bench_calls(hall, service, staffed, now, args.seconds, serve_ms=args.serve_ms)
            print("call-next, serving each ticket:", json.dumps(paced))
        return
    called_at: dict[str, float] = {}

    def source(stop):
        remaining = max(1.0, stop - time.monotonic() - 2)
        result = bench_calls(
            hall,
            service,
            staffed[:4],
            now,
            remaining,
            on_call=lambda number, window: called_at.setdefault(number, time.time()),
        )
        print("call-next (4 windows, during display polling):", json.dumps(result))

    seen = bench_displays(args.url, hall.slug, args.displays, args.seconds, source)
    delays = [t - called_at[n] for n, times in seen.items() if n in called_at for t in times]
    print(
        "displays:",
        json.dumps(
            {
                "displays": args.displays,
                "observations": len(delays),
                "p50_s": round(statistics.median(delays), 2) if delays else None,
                "p95_s": round(_pct(delays, 95), 2) if delays else None,
            }
        ),
    )


if __name__ == "__main__":
    main()
