"""Work-record benchmarks (issue 14). Prints its figures; never asserts on time.

(a) Recording cost per action: `record_action` for a staff member on a case-like target,
    each in its own transaction (lock, tip read, previous-step read, INSERT, commit), against
    the same run's baseline: the same transaction with one plain INSERT of a comparable row
    (the action itself). Target: <= 1 ms added per action.
(b) Verifier throughput: chain `--records` rows (default 200,000) with bulk inserts, then
    time `WORK_RECORD_CHAIN.verify()` over them and extrapolate to 10,000,000 records.
    Target: 10,000,000 in <= 5 min, i.e. >= 33,334 records/s.
(c) Concurrent recording: `--threads` clerks, each recording on their own cases inside a
    transaction that goes on for `--hold-ms` after the record (the rest of an action), once
    with the work record's streams and once with every record forced into one stream (the
    single chain lock of before), in the same run: actions per second and p95 per action.

Needs DATABASE_URL (PostgreSQL; a database `bench_worklog` is created beside it and dropped
afterwards). Skipped with a message otherwise.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/x \
       .venv/bin/python bench/bench_worklog.py [--actions 2000] [--records 200000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_PER_SECOND = 10_000_000 / 300


def _database() -> str | None:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("skipped: set DATABASE_URL to a PostgreSQL URL")
        return None
    base, _, _ = database_url.rpartition("/")
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_worklog WITH (FORCE)")
        conn.execute("CREATE DATABASE bench_worklog")
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/bench_worklog",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    return base


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu() -> float:
    """CPU seconds of this process plus its database backend: the cost on an idle machine."""
    return time.process_time() + _backend_cpu()


def _per_action_ms(fn, rounds: int) -> tuple[list[float], float]:
    """Wall ms of each action, and the mean CPU ms (client + backend) per action."""
    from django.db import transaction

    times = []
    cpu = _cpu()
    for n in range(rounds):
        started = time.perf_counter()
        with transaction.atomic():
            fn(n)
        times.append((time.perf_counter() - started) * 1000)
    return times, (_cpu() - cpu) * 1000 / rounds


def bench_record(actions: int) -> None:
    from django.db import connection

    from accounts.constants import Role
    from accounts.models import Department
    from worklog.services import record_action
    from worklog.tests.factories import staff_member

    clerk = staff_member(roles=[Role.WINDOW_CLERK])
    targets = list(Department.objects.all()[:1]) or [clerk.department]
    with connection.cursor() as cursor:
        # A logged table, so the baseline's commit flushes the WAL as a real action's does.
        cursor.execute("CREATE TABLE bench_action (id serial, note text, at timestamptz)")

    def action(n: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_action (note, at) VALUES (%s, now())", [str(n)])

    def action_and_record(n: int) -> None:
        action(n)
        record_action(
            actor=clerk,
            action="applications.accept",
            label="受理",
            target=targets[n % len(targets)],
            from_state="submitted",
            to_state="accepted",
            reason="材料齐全",
        )

    _per_action_ms(action_and_record, 100)  # warm up
    baseline, base_cpu = _per_action_ms(action, actions)
    recorded, rec_cpu = _per_action_ms(action_and_record, actions)
    base, rec = statistics.median(baseline), statistics.median(recorded)
    p95 = statistics.quantiles(recorded, n=20)[18] - statistics.quantiles(baseline, n=20)[18]
    print(
        f"(a) {actions} actions, each its own transaction (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"    baseline (the action alone): wall median {base:.3f} ms, CPU {base_cpu:.3f} ms")
    print(f"    action + record_action:      wall median {rec:.3f} ms, CPU {rec_cpu:.3f} ms")
    print(
        f"    recording adds: wall median {rec - base:.3f} ms, p95 {p95:.3f} ms; "
        f"CPU {rec_cpu - base_cpu:.3f} ms (target <= 1 ms)"
    )


def _fill(records: int) -> None:
    from django.utils import timezone

    from worklog.models import WorkRecord
    from worklog.services import WORK_RECORD_CHAIN, stream_for

    batch = 5000
    started = time.perf_counter()
    for start in range(0, records, batch):
        rows = [
            WorkRecord(
                at=timezone.now(),
                actor_name="李娜",
                role="窗口人员",
                action="applications.accept",
                label="受理",
                target_type="applications.application",
                target_id=str(n // 7),
                target_label=f"SQ2026{n // 7:08d}",
                from_state="submitted",
                to_state="accepted",
                reason="材料齐全",
                elapsed_seconds=n % 3600,
                extra={"n": n},
            )
            for n in range(start, min(start + batch, records))
        ]
        for row in rows:
            row.stream = stream_for(row)
        WORK_RECORD_CHAIN.append(rows)
    print(f"    filled {records} chained records in {time.perf_counter() - started:.1f} s")


def bench_verify(records: int) -> None:
    from worklog.services import WORK_RECORD_CHAIN

    print(f"(b) verifier over {records} records")
    _fill(records)
    WORK_RECORD_CHAIN.verify()  # warm the table into the buffer cache, as a daily run finds it
    started, cpu = time.perf_counter(), _cpu()
    report = WORK_RECORD_CHAIN.verify()
    seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu
    rate, cpu_rate = report.checked / seconds, report.checked / cpu_seconds
    print(f"    load average {os.getloadavg()[0]:.1f}; ok={report.ok} checked={report.checked}")
    print(f"    wall {seconds:.2f} s: {rate:,.0f} records/s")
    print(f"    CPU (verifier + backend) {cpu_seconds:.2f} s: {cpu_rate:,.0f} records/CPU-s")
    for name, value in (("wall", rate), ("CPU", cpu_rate)):
        print(
            f"    extrapolated ({name}): 10,000,000 records in {10_000_000 / value / 60:.1f} min "
            f"(target <= 5 min, >= {TARGET_PER_SECOND:,.0f} records/s)"
        )


def _concurrent(threads: int, per_thread: int, hold_ms: float) -> tuple[float, float]:
    """(actions per second, p95 ms) of `threads` clerks recording on their own cases."""
    import threading

    from django.db import connections, transaction

    from accounts.constants import Role
    from worklog.services import record_action
    from worklog.tests.factories import staff_member

    clerks = [staff_member(roles=[Role.WINDOW_CLERK]) for _ in range(threads)]
    times: list[float] = []
    lock = threading.Lock()

    def clerk(k: int) -> None:
        mine = []
        try:
            for n in range(per_thread):
                started = time.perf_counter()
                with transaction.atomic():
                    record_action(
                        actor=clerks[k],
                        action="applications.accept",
                        label="受理",
                        target_type="applications.application",
                        target_id=f"{k}-{n}",
                        from_state="submitted",
                        to_state="accepted",
                    )
                    time.sleep(hold_ms / 1000)
                mine.append((time.perf_counter() - started) * 1000)
        finally:
            connections.close_all()
            with lock:
                times.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=clerk, args=(k,)) for k in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return len(times) / elapsed, statistics.quantiles(times, n=20)[18]


def bench_concurrent(threads: int, per_thread: int, hold_ms: float) -> None:
    from unittest import mock

    from worklog import services

    print(
        f"(c) {threads} clerks x {per_thread} actions, each transaction held {hold_ms:g} ms "
        f"after its record (load average {os.getloadavg()[0]:.1f})"
    )
    with mock.patch.object(services, "stream_for", lambda record: 0):
        rate, p95 = _concurrent(threads, per_thread, hold_ms)
    print(f"    one chain (every record in stream 0): {rate:,.0f} actions/s, p95 {p95:.1f} ms")
    rate, p95 = _concurrent(threads, per_thread, hold_ms)
    print(
        f"    {services.STREAMS} streams:                       {rate:,.0f} actions/s, "
        f"p95 {p95:.1f} ms (the hold alone bounds it at {threads * 1000 / hold_ms:,.0f}/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--per-thread", type=int, default=100)
    parser.add_argument("--hold-ms", type=float, default=20.0)
    parser.add_argument("--keep", action="store_true", help="keep the bench_worklog database")
    args = parser.parse_args()
    base = _database()
    if base is None:
        return
    import django

    django.setup()
    try:
        if args.actions > 0:
            bench_record(args.actions)
        if args.records > 0:
            bench_verify(args.records)
        if args.threads > 0:
            bench_concurrent(args.threads, args.per_thread, args.hold_ms)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            import psycopg

            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS bench_worklog WITH (FORCE)")


if __name__ == "__main__":
    main()
