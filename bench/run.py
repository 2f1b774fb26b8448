#!/usr/bin/env python
"""HTTP benchmark: gunicorn (2 workers, production settings) against the bare-Django baseline.

Usage: .venv/bin/python bench/run.py [--duration 10] [--connections 8] [--volume] [--record]

Every page in bench/pages.py is loaded with wrk for a bounded time against 127.0.0.1 only.
The baseline is /healthz, a plain Django view served by the same gunicorn process through
the same middleware, measured before and after the pages; each page's ratio is its
requests/s divided by the mean baseline requests/s of this run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import PAGES  # noqa: E402

VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env() -> dict[str, str]:
    VAR.mkdir(parents=True, exist_ok=True)
    keys = VAR / "keys.json"
    if not keys.exists():
        from cryptography.fernet import Fernet

        keys.write_text(
            json.dumps(
                {"secret": secrets.token_urlsafe(64), "fernet": Fernet.generate_key().decode()}
            )
        )
    stored = json.loads(keys.read_text())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": stored["secret"],
        "FIELD_ENCRYPTION_KEYS": stored["fernet"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "STAFF_MFA_REQUIRED": "true",
        "VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
        # The load comes from one IP: per-IP limits of the public look-ups would turn the
        # measurement into a measurement of 429 responses.
        "SEARCH_RATE_LIMIT_PER_MINUTE": "0",
        "API_RATE_LIMIT_PER_MINUTE": "0",
        "LISTS_LOOKUP_RATE_PER_MINUTE": "1000000",
        "APPLICATIONS_LOOKUP_RATE": "1000000",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'db.sqlite3'}")
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def wrk(url: str, *, duration: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "wrk_report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    return json.loads(line)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per page (bounded)"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--volume",
        action="store_true",
        help="load the benchmark volume (bench/volume.py)",
    )
    parser.add_argument(
        "--record", action="store_true", help="append the results to docs/benchmarks.md"
    )
    parser.add_argument("--only", nargs="*", help="names of pages to measure (default: all)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("error: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    env = bench_env()
    print("preparing database, demo data and static files …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_data")
    if args.volume:
        subprocess.run(
            [PYTHON, "bench/volume.py"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        # The volume is bulk-written without publish signals, so index it explicitly.
        manage(env, "rebuild_search_index")
    manage(env, "collectstatic", "--noinput")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("error: gunicorn did not start", file=sys.stderr)
                    return 1
                time.sleep(0.3)
        pages = [p for p in PAGES if not args.only or p[0] in args.only]
        for _name, path, _note in pages:  # warm caches and check every page answers 200
            with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:  # noqa: S310
                if response.status != 200:
                    print(f"error: {path} answered {response.status}", file=sys.stderr)
                    return 1
        results = []
        baseline_runs = [
            wrk(f"{base}/healthz", duration=args.duration, connections=args.connections)
        ]
        for name, path, note in pages:
            print(f"measuring {name} {path} …", flush=True)
            results.append(
                (
                    name,
                    path,
                    note,
                    wrk(f"{base}{path}", duration=args.duration, connections=args.connections),
                )
            )
        baseline_runs.append(
            wrk(f"{base}/healthz", duration=args.duration, connections=args.connections)
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    baseline_rps = sum(r["rps"] for r in baseline_runs) / len(baseline_runs)
    rows = [
        (
            "baseline",
            "/healthz",
            "bare Django view, same process",
            {**baseline_runs[0], "rps": baseline_rps},
        )
    ]
    rows += results
    header = "| page | path | req/s | p50 ms | p95 ms | p99 ms | ratio to baseline | errors |"
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, path, _note, r in rows:
        ratio = r["rps"] / baseline_rps if baseline_rps else 0
        errors = r["errors"] + r["non2xx"]
        lines.append(
            f"| {name} | `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {ratio:.0%} | {errors} |"
        )
    table = "\n".join(lines)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    db = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    sha = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    summary = (
        f"### {stamp} — commit {sha}\n\n"
        f"Machine: {machine()}. gunicorn 2 sync workers, production settings, {db}"
        f"{', volume data' if args.volume else ', demo data'}; wrk -t2 -c{args.connections} -d{args.duration}s per page; "
        f"baseline measured before and after the pages (mean {baseline_rps:.0f} req/s).\n\n{table}\n"
    )
    print()
    print(summary)
    if args.record:
        doc = ROOT / "docs" / "benchmarks.md"
        with doc.open("a", encoding="utf-8") as fh:
            fh.write("\n" + summary)
        print(f"recorded in {doc.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
