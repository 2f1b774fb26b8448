#!/usr/bin/env python
"""HTTP benchmark: gunicorn (2 workers, production settings) against two bare-Django baselines.

Usage: .venv/bin/python bench/run.py [--duration 10] [--connections 8] [--volume] [--record]

Every page in bench/pages.py (and every page DISCOVER finds, e.g. each policy) is loaded with
wrk for a bounded time against 127.0.0.1 only. Two baselines, each measured before and after
the pages, and each page's ratios are its requests/s over their mean requests/s of this run:
- the template page: a bare Django project (bench/baseline_site/: startproject's default
  middleware, one ~6 KB template) in its own gunicorn started with the same arguments;
- /healthz: a plain-text Django view in the portal's own process, through its middleware.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
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

from bench.pages import DISCOVER, PAGES  # noqa: E402

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


def gunicorn_start(app: str, env: dict[str, str], port: int) -> subprocess.Popen:
    """The same arguments for the portal and the template baseline."""
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
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


def wait_up(url: str, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 240  # a loaded machine takes long to import everything
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310
            return True
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                return False
            time.sleep(0.3)


def discover(base: str) -> list[tuple[str, str, str]]:
    """Pages linked from the listing pages of DISCOVER (e.g. every policy of the channel)."""
    found = []
    for prefix, listing, pattern, leave_out in DISCOVER:
        with urllib.request.urlopen(f"{base}{listing}", timeout=30) as response:  # noqa: S310
            html = response.read().decode()
        for path in dict.fromkeys(re.findall(pattern, html)):
            if path not in leave_out and path != listing:
                slug = path.rstrip("/").rsplit("/", 1)[-1]
                found.append((f"{prefix}:{slug}", path, f"found on {listing}"))
    return found


def _load(values: tuple[float, float, float]) -> str:
    return "/".join(f"{v:.1f}" for v in values)


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
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the database an earlier run prepared (no migrate, demo or volume loading)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("error: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    env = bench_env()
    print("preparing database, demo data and static files …", flush=True)
    if not args.reuse:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_data")
    if args.volume and not args.reuse:
        subprocess.run(
            [PYTHON, "bench/volume.py"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        # The volume is bulk-written without publish signals, so index it explicitly.
        manage(env, "rebuild_search_index")
    manage(env, "collectstatic", "--noinput")

    port, baseline_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    template_url = f"http://127.0.0.1:{baseline_port}/"
    server = gunicorn_start("config.wsgi:application", env, port)
    baseline_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.baseline_site.settings"}
    baseline_server = gunicorn_start(
        "bench.baseline_site.wsgi:application", baseline_env, baseline_port
    )
    try:
        for url, process in ((f"{base}/healthz", server), (template_url, baseline_server)):
            if not wait_up(url, process):
                print(f"error: gunicorn did not start for {url}", file=sys.stderr)
                return 1
        pages = [p for p in PAGES if not args.only or p[0] in args.only]
        if not args.only or "policy:*" in args.only:
            known = {path for _n, path, _note in pages}
            pages += [p for p in discover(base) if p[1] not in known]
        for _name, path, _note in pages:  # warm caches and check every page answers 200
            with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:  # noqa: S310
                if response.status != 200:
                    print(f"error: {path} answered {response.status}", file=sys.stderr)
                    return 1
        load = {"start": os.getloadavg()}

        def baselines() -> tuple[dict, dict]:
            return (
                wrk(template_url, duration=args.duration, connections=args.connections),
                wrk(f"{base}/healthz", duration=args.duration, connections=args.connections),
            )

        results = []
        baseline_runs = [baselines()]
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
        baseline_runs.append(baselines())
        load["end"] = os.getloadavg()
    finally:
        for process in (server, baseline_server):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)

    template_rps = sum(t["rps"] for t, _h in baseline_runs) / len(baseline_runs)
    baseline_rps = sum(h["rps"] for _t, h in baseline_runs) / len(baseline_runs)
    rows = [
        (
            "baseline: template",
            "bench/baseline_site",
            "bare Django project, ~6 KB template, own gunicorn",
            {**baseline_runs[0][0], "rps": template_rps},
        ),
        (
            "baseline: /healthz",
            "/healthz",
            "bare Django view, same process",
            {**baseline_runs[0][1], "rps": baseline_rps},
        ),
    ]
    rows += results
    header = (
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | vs template | vs /healthz | errors |"
    )
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, path, _note, r in rows:
        ratio = r["rps"] / template_rps if template_rps else 0
        ratio_healthz = r["rps"] / baseline_rps if baseline_rps else 0
        errors = r["errors"] + r["non2xx"]
        lines.append(
            f"| {name} | `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {ratio:.0%} | {ratio_healthz:.0%} | {errors} |"
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
        f"baselines measured before and after the pages (template page: mean {template_rps:.0f} "
        f"req/s, /healthz: mean {baseline_rps:.0f} req/s). Load average (1/5/15 min) at start "
        f"{_load(load['start'])}, at end {_load(load['end'])}.\n\n{table}\n"
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
