"""Documents benchmark (issue 12). Prints figures; never asserts.

    .venv/bin/python bench/bench_documents.py [--renders 20]

Renders, in one warm process (as in a warm worker), the signed certificate PDF and the 受理回执
of a case built through the real services on a throw-away SQLite database (the render does
not touch the database beyond loading the case): median and p95 of each, plus the unsigned
render of the same certificate as the baseline of the signature's cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("PRINTING_SIGNING_DIR", tempfile.mkdtemp(prefix="bench-signing-"))


def _pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000


def _time(fn, renders: int) -> tuple[list[float], bytes]:
    for _ in range(3):
        data = fn()
    timings = []
    for _ in range(renders):
        t = time.perf_counter()
        data = fn()
        timings.append(time.perf_counter() - t)
    return timings, data


def _line(label: str, timings: list[float], data: bytes) -> None:
    print(
        f"{label}: {len(data):,} bytes, median {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {_pct(timings, 95):.0f} ms over {len(timings)} renders"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        _bench(args.renders)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def _bench(renders: int) -> None:
    from django.template.loader import render_to_string

    import applications.documents as documents
    from applications.tests.factories import submitted_application
    from printing import services
    from printing.services import pdf_render

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    print(f"commit {commit}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    app = documents._load(submitted_application().pk)

    def unsigned():
        context = documents._context(application=app, doc_type="certificate", code="BENCH0000000")
        html = render_to_string("applications/pdf/certificate.html", context)
        return pdf_render(html=html, base_url=str(ROOT), expect=context["title"])

    def unsigned_cold_fonts():
        # What every render did before the font set-up was kept per process (before/after).
        services._fonts.setup = None
        return unsigned()

    _line("certificate, unsigned, fonts set up per render", *_time(unsigned_cold_fonts, renders))
    _line("certificate, unsigned (baseline)", *_time(unsigned, renders))
    _line(
        "certificate, signed",
        *_time(
            lambda: documents.render_pdf(application=app, doc_type="certificate", code="B1"),
            renders,
        ),
    )
    _line(
        "receipt, signed",
        *_time(
            lambda: documents.render_pdf(application=app, doc_type="receipt", code="B2"),
            renders,
        ),
    )


if __name__ == "__main__":
    main()
