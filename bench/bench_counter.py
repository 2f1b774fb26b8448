"""`/counter/` with search and filters over a large case table (issue 12's target: p95 ≤ 100 ms
at 1,000,000 cases).

    DATABASE_URL=postgres://…/ywtb_window manage.py generate_applications --count N
    DATABASE_URL=postgres://…/ywtb_window python bench/bench_counter.py [--runs 30]

In-process (Django's test client against PostgreSQL, the window clerk `clerk` of the demo data),
so it measures the view, the selectors and the SQL, not a web server's queueing; `/healthz`
through the same client and middleware is the same run's baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from accounts.models import User
    from applications.constants import Status
    from applications.models import Application

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    total = Application.objects.count()
    sample = Application.objects.filter(status=Status.SUBMITTED).exclude(applicant_name="").first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="clerk"))
    number = sample.number.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    cases = {
        "baseline /healthz": None,
        "queue (default)": {},
        "page 50": {"page": "50"},
        "number (full-width)": {"number": number},
        "applicant name": {"applicant": sample.applicant_name},
        "service name": {"service": sample.service_name[:4]},
        "state accepted": {"status": "accepted"},
        "state evaluated + service": {"status": "evaluated", "service": sample.service_code},
        "overdue": {"due": "overdue"},
        "due before": {"due_before": "2026-12-31"},
    }
    print(f"{total:,} cases; {args.runs} requests per case (after 3 warm-up requests)")
    for label, params in cases.items():
        url = "/healthz" if params is None else "/counter/"
        for _ in range(3):
            client.get(url, params or {})
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url, params or {})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"  {label:28s} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
