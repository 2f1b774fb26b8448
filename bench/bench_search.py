#!/usr/bin/env python
"""Per-request latency of the site search, in-process, against the configured database.

Usage (after load_demo_data, bench/volume.py and rebuild_search_index on that database):
    DATABASE_URL=... .venv/bin/python bench/bench_search.py [--repeat 30]

Prints p50/p95/max in milliseconds for each query:
  - "uncached": the ranking query + page fetch (search.selectors._search), no result cache;
  - "request": a full GET /search/?q= through Django (middleware, view, template), with the
    result cache cleared before every request (the cold path a new query takes);
  - "cached": the same request when the result is already cached (repeated popular queries).
Target (issue 3): p95 ≤ 50 ms per single request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("SEARCH_RATE_LIMIT_PER_MINUTE", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

QUERIES = [
    "营业执照",
    "办理营业执照",
    "开饭店",
    "yyzz",
    "居住证",
    "食品经营许可",
    "失业登记",
    "gtgsh",
    "网吧",
    "社保卡",
    "不动产登记转移",
    "对未取得食品经营许可从事食品经营活动的行政处罚",
    "SCJG-01-0001",
    "火星移民签证",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from search.models import SearchDocument, SearchTerm
    from search.selectors import _search, index_version, parse_query, search_query, synonyms_map

    settings.ALLOWED_HOSTS = ["*"]
    docs = SearchDocument.objects.count()
    terms = SearchTerm.objects.count()
    print(f"database: {connection.vendor}; index: {docs} documents, {terms} terms")
    if docs < 1000:
        print(
            "warning: the index is small; run bench/volume.py and rebuild_search_index first",
            file=sys.stderr,
        )
    search_query(q="预热")  # jieba dictionary, synonyms
    client = Client()
    rows = []
    all_uncached, all_request, all_cached = [], [], []
    for q in QUERIES:
        uncached, request, cached = [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            parsed = parse_query(q, synonyms=synonyms_map(version=index_version()))
            result = _search(parsed, doc_type="", page=1, per_page=10)
            uncached.append((time.perf_counter() - started) * 1000)
        for _ in range(args.repeat):
            cache.clear()
            started = time.perf_counter()
            response = client.get("/search/", {"q": q})
            request.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get("/search/", {"q": q})
            cached.append((time.perf_counter() - started) * 1000)
        all_uncached += uncached
        all_request += request
        all_cached += cached
        rows.append((q, result.all_total, uncached, request, cached))
    print(
        f"{'query':<26} {'hits':>5}  {'uncached p50/p95':>17}  {'request p50/p95':>16}  {'cached p50/p95':>15}  (ms)"
    )
    for q, hits, uncached, request, cached in rows:
        print(
            f"{q[:24]:<26} {hits:>5}  {statistics.median(uncached):>7.1f} /{pct(uncached, 95):>7.1f}"
            f"  {statistics.median(request):>7.1f} /{pct(request, 95):>6.1f}"
            f"  {statistics.median(cached):>6.1f} /{pct(cached, 95):>6.1f}"
        )
    print(
        f"ALL{'':<23} {'':>5}  {statistics.median(all_uncached):>7.1f} /{pct(all_uncached, 95):>7.1f}"
        f"  {statistics.median(all_request):>7.1f} /{pct(all_request, 95):>6.1f}"
        f"  {statistics.median(all_cached):>6.1f} /{pct(all_cached, 95):>6.1f}"
    )
    worst = pct(all_request, 95)
    print(
        f"p95 of a full uncached request over all queries: {worst:.1f} ms (target ≤ 50 ms): {'met' if worst <= 50 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
