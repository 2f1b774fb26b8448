"""Applications benchmarks (issue 5). Prints figures; never asserts.

    DATABASE_URL=postgres://.../h_apps REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/bench_applications.py [--submissions 1000] [--concurrency 8]
        [--without-worklog]   (the same run without the work record's writes, to compare)

1. Submission: a bounded load run of HTTP POSTs to /apply/draft/<id>/submit/ against gunicorn
   (4 workers) on PostgreSQL, the form filled and materials in place; throughput and p50/p95.
2. /counter/ (clerk) and /me/applications/ (citizen) p50/p95 on the same server — run
   `bench/volume_applications.py --count 1000000` first for the 1M figure.
3. The 2-page 受理回执 PDF rendered in a warm process (as in a warm worker): median.
Documents and notices of the submissions are queued to a private Redis queue, then purged.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUEUE = f"bench-apps-{uuid.uuid4().hex[:6]}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.update(
    {"DEBUG": "false", "STAFF_MFA_REQUIRED": "false", "CELERY_TASK_DEFAULT_QUEUE": QUEUE}
)


def pdf_pages(data: bytes) -> str:
    """The page count by poppler's pdfinfo (installed by .ci/run), or '?'."""
    try:
        out = subprocess.run(
            ["pdfinfo", "-"], input=data, capture_output=True, timeout=30, check=True
        ).stdout.decode()
    except (OSError, subprocess.SubprocessError):
        return "?"
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return match.group(1) if match else "?"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _pulled_evidence(*, app, user, types: list[str]) -> None:
    """The state a completed pull leaves: verified items the citizen chose to use (使用).
    Written directly: this benchmark measures the submission, not the pull (bench_exchange)."""
    from django.utils import timezone

    from accounts import crypto
    from data_exchange.models import EvidenceItem

    now = timezone.now()
    holder = user.id_number or f"11010519900101{user.pk % 10000:04d}"
    for code in types:
        item = EvidenceItem(
            reference=app.reference,
            evidence_type=code,
            department_code=code.split(".", 1)[0],
            subject=user,
            requested_by=user,
            holder_id=holder,
            holder_digest=crypto.blind_index(holder),
            service_code=app.service_code,
            purpose=f"办理{app.service_name}",
            fields=["name"],
            status="verified",
            decision="use",
            verified_at=now,
            valid_until=now + timezone.timedelta(days=30),
        )
        item.values = {"name": user.real_name}
        item.save()


def prepare_drafts(n: int, *, with_evidence: bool = True):
    """n drafts ready to submit: form filled, uploads in place and, by default, a service
    with 免提交 materials whose evidence has been pulled and accepted."""
    from accounts.models import User
    from applications import services
    from applications.constants import Status
    from services_catalog.models import ServiceItem

    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    candidates = (
        ServiceItem.objects.filter(live=True, audience__in=["person", "both"])
        .prefetch_related("materials")
        .order_by("code")
    )

    def evidence_types(service) -> list[str]:
        return [m.evidence_type for m in service.materials.all() if m.evidence_type]

    service = next(
        s
        for s in candidates
        if (len(evidence_types(s)) >= 2) == with_evidence
        and (with_evidence or not evidence_types(s))
    )
    users = list(
        User.objects.filter(username__startswith="bench-", kind="citizen").order_by("pk")[:n]
    )
    if len(users) < n:
        raise SystemExit("run bench/volume_applications.py first (it creates the bench users)")
    drafts = []
    for user in users:
        app = services.application_start(
            applicant=user, service=service, idempotency_key=f"bench-{uuid.uuid4().hex}"
        )
        app.applicant_phone = "13900000000"
        app.form_data = {"reason": "基准测试"}
        app.save()
        if with_evidence:
            _pulled_evidence(app=app, user=user, types=evidence_types(service))
        for item in app.materials.all():
            if item.necessity == "required" and not item.evidence_type:
                services.material_upload(
                    application=app, actor=user, code=item.code, data=pdf, filename="m.pdf"
                )
        assert app.status == Status.DRAFT
        assert not services.application_missing_materials(application=app, user=user), app.pk
        drafts.append((app.pk, session_cookie(user)))
    return service, drafts


def _proc_cpu(pid: int) -> float:
    """utime + stime of one process, in seconds (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(master_pid: int, database: str) -> tuple[float, float]:
    """CPU seconds used so far by the gunicorn workers and by PostgreSQL's backends serving
    `database` (matched on their process titles): the work one submission really costs."""
    web = db = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            web += _proc_cpu(int(entry.name))
        elif cmdline.startswith("postgres:") and f" {database} " in cmdline:
            db += _proc_cpu(int(entry.name))
    return web, db


def start_server(port: int, workers: int, app: str = "config.wsgi") -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [
            gunicorn,
            app,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    import requests

    for _ in range(100):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def csrf_token(base: str) -> str:
    import requests

    response = requests.get(f"{base}/progress/", timeout=5)
    return response.cookies["csrftoken"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--page-requests", type=int, default=200)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured submissions first")
    parser.add_argument(
        "--no-evidence",
        action="store_true",
        help="submit a service without 免提交 materials (no evidence lookups)",
    )
    parser.add_argument(
        "--without-worklog",
        action="store_true",
        help="diagnostic: serve bench/wsgi_without_worklog.py (the work record's writes skipped), "
        "to compare submission throughput with and without recording",
    )
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("set REDIS_URL: documents must be queued, not rendered in the request")

    import django

    django.setup()
    import requests
    from django.db import connection

    from accounts.models import User
    from applications.documents import render_pdf
    from applications.models import Application

    total = Application.objects.count()
    print(f"database: {connection.vendor}, applications: {total:,}")

    # 3. PDF in a warm process
    app = (
        Application.objects.filter(status="submitted", number__isnull=False)
        .select_related("service", "department")
        .order_by("pk")  # the same case every run: the receipt's length depends on the case
        .first()
    )
    for _ in range(3):
        render_pdf(application=app, doc_type="receipt", code="WARMUP000000")
    timings = []
    for _ in range(20):
        t = time.perf_counter()
        data = render_pdf(application=app, doc_type="receipt", code="BENCH0000000")
        timings.append(time.perf_counter() - t)
    pages = pdf_pages(data)
    print(
        f"receipt PDF of {app.number} ({len(data):,} bytes, "
        f"{pages} pages): median {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {pct(timings, 95):.0f} ms over 20 renders"
    )

    service, drafts = prepare_drafts(
        args.submissions + args.warmup, with_evidence=not args.no_evidence
    )
    warmup, drafts = drafts[: args.warmup], drafts[args.warmup :]
    print(
        f"prepared {len(drafts)} drafts (+{len(warmup)} warm-up) of {service.code} {service.name}"
    )
    base = f"http://127.0.0.1:{args.port}"
    app = "bench.wsgi_without_worklog" if args.without_worklog else "config.wsgi"
    print(f"serving {app}")
    server = start_server(args.port, args.workers, app)
    try:
        token = csrf_token(base)

        def submit(item):
            # http.client, not requests: on 2 shared cores the client's own CPU counts.
            pk, session = item
            t = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            conn.request(
                "POST",
                f"/apply/draft/{pk}/submit/",
                body=b"",
                headers={
                    "Cookie": f"sessionid={session}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Referer": base + "/",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            return (time.perf_counter() - t, response.status, response.getheader("Location", ""))

        # Warm every gunicorn worker on the same path (imports, URL resolver, translations,
        # broker and database connections) so that start-up is not billed to the run.
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(submit, warmup))
        database = connection.settings_dict["NAME"]
        web_cpu, db_cpu = server_cpu(server.pid, database)
        started, client_cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(submit, drafts))
        elapsed = time.perf_counter() - started
        client_cpu = (time.process_time() - client_cpu) / len(drafts) * 1000
        web_after, db_after = server_cpu(server.pid, database)
        web_cpu = (web_after - web_cpu) / len(drafts) * 1000
        db_cpu = (db_after - db_cpu) / len(drafts) * 1000
        latencies = [r[0] for r in results]
        ok = sum(1 for r in results if r[1] == 302 and "/me/applications/" in r[2])
        submitted = Application.objects.filter(
            pk__in=[pk for pk, _ in drafts], status="submitted"
        ).count()
        print(
            f"submission: {len(drafts)} POSTs, concurrency {args.concurrency}: {len(drafts) / elapsed:.0f}/s, "
            f"p50 {pct(latencies, 50):.0f} ms, p95 {pct(latencies, 95):.0f} ms; "
            f"{ok} redirected to the detail, {submitted} submitted in the database; "
            f"CPU per submission: web {web_cpu:.1f} ms + PostgreSQL {db_cpu:.1f} ms "
            f"+ load client {client_cpu:.1f} ms (2 idle cores would sustain about "
            f"{2000 / (web_cpu + db_cpu + client_cpu):.0f}/s); "
            f"load average {os.getloadavg()[0]:.1f}"
        )

        # The bare-Django baseline of the same run: /healthz through the same server and client.
        def healthz(_n):
            t = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
            return time.perf_counter() - t

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            base_latencies = list(pool.map(healthz, range(len(drafts))))
        base_rate = len(drafts) / (time.perf_counter() - started)
        print(
            f"baseline /healthz, same server and client: {base_rate:.0f}/s, "
            f"p95 {pct(base_latencies, 95):.0f} ms; submission = "
            f"{len(drafts) / elapsed / base_rate:.0%} of the baseline"
        )

        clerk = User.objects.get(username="clerk")
        citizen = User.objects.get(username="citizen")
        mine = Application.objects.filter(applicant=citizen).count()
        for label, user, path in [
            ("/counter/ (clerk)", clerk, "/counter/"),
            (f"/me/applications/ (citizen, {mine:,} cases)", citizen, "/me/applications/"),
        ]:
            cookie = {"sessionid": session_cookie(user)}
            for _ in range(5):
                requests.get(base + path, cookies=cookie, timeout=30)
            times = []
            for _ in range(args.page_requests):
                t = time.perf_counter()
                response = requests.get(base + path, cookies=cookie, timeout=30)
                times.append(time.perf_counter() - t)
                assert response.status_code == 200, response.status_code
            print(
                f"{label}: p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms over {len(times)} requests"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
        from config.celery import app as celery_app

        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_purge(QUEUE)


if __name__ == "__main__":
    main()
