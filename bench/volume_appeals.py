"""Generate a large number of realistic 12345 appeals in PostgreSQL for the benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ywtb_appeals \
        .venv/bin/python bench/volume_appeals.py [--count 1000000] [--batch 50000] [--days 730]

Run on a migrated database; it loads the departments, the categories with their catalogue and
the demo staff itself (idempotent). Rows go in with COPY (psycopg) in batches; the trigram GIN
index on `tokens` is dropped before and rebuilt after with its own definition (building it once is far cheaper than
updating it row by row). Texts come from a pool of a few thousand subject × place × detail
combinations segmented with jieba once, so the duplicate check meets realistic token overlap.

Appeals are spread over --days; the last 30 days hold the open ones (a mix like the demo's),
older ones are closed (a few merged, some returned or reopened on the way). Each row is marked
as counted for hot topics (the counters are not generated). Not for production databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PLACES = ["城中路", "博乐路", "沪宜公路", "南翔镇", "江桥镇", "张江", "陆家嘴", "徐家汇", "天山路"]
DETAILS = [
    "已持续一周",
    "多次反映无果",
    "影响周边居民",
    "希望尽快处理",
    "夜间尤为严重",
    "老人出行不便",
    "请相关部门核查",
    "存在安全隐患",
]
RECENT_PLAN = [
    ("accepted", 4),
    ("dispatched", 8),
    ("handling", 10),
    ("waiting_reporter", 3),
    ("return_requested", 4),
    ("answered", 6),
    ("called_back", 3),
    ("closed", 58),
    ("merged", 4),
]
COLUMNS = [
    "number", "submission_key", "appeal_type", "category_id", "channel", "subject",
    "description", "region_code", "address", "reporter_name", "reporter_phone",
    "reporter_email", "publish_consent", "state", "department_id", "dispatched_at", "due_date",
    "due_flag", "answer", "satisfaction", "reporter_rating", "reopen_count", "returns_count",
    "tokens", "created_at", "answered_at", "closed_at", "answer_published", "hot_counted",
]  # fmt: skip


def _esc(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _setup() -> list[tuple]:
    """Departments, categories and catalogue, staff; returns (category, department_id, subjects)."""
    from accounts import demo as accounts_demo
    from accounts.models import Department
    from participation import demo as participation_demo
    from participation.appeals import demo as appeals_demo

    if not Department.objects.exists():
        accounts_demo.load()
    participation_demo._staff()
    categories = appeals_demo.categories_load()
    departments = {d.code: d.pk for d in Department.objects.all()}
    fallback = next(iter(departments.values()))
    return [
        (categories[code], departments.get(dept, fallback), appeals_demo.SUBJECTS[code])
        for code, _name, _days, dept in appeals_demo.CATEGORIES
    ]


def _text_pool(plan: list[tuple], rng: random.Random, size: int) -> list[tuple]:
    """(category_id, department_id, subject, description, tokens), jieba once per text."""
    from participation.appeals.text import tokens

    pool = []
    for _ in range(size):
        category, department_id, subjects = rng.choice(plan)
        subject = rng.choice(subjects)
        description = (
            f"{rng.choice(PLACES)}{rng.randint(1, 400)}号附近{subject}，{rng.choice(DETAILS)}。"
        )
        text = " ".join(tokens(f"{subject} {description}"))
        pool.append((category.pk, department_id, subject, description, text))
    return pool


class RowMaker:
    def __init__(self, *, pool: list[tuple], days: int, seed: int):
        from django.utils import timezone

        from accounts.constants import REGION_CODES

        self.pool, self.days = pool, days
        self.rng = random.Random(seed)
        self.regions = [c for c in REGION_CODES if c != "310000"]
        self.recent = [s for s, w in RECENT_PLAN for _ in range(w)]
        self.now = timezone.now()

    def _state(self, age_days: float) -> str:
        if age_days <= 30:
            return self.rng.choice(self.recent)
        return "merged" if self.rng.random() < 0.03 else "closed"

    def row(self, seq: int) -> str:
        rng = self.rng
        category_id, department_id, subject, description, text = pool_row = rng.choice(self.pool)
        del pool_row
        age = rng.random() * self.days
        created = self.now - dt.timedelta(days=age)
        state = self._state(age)
        dispatched = None if state == "accepted" else created + dt.timedelta(minutes=30)
        due = (created + dt.timedelta(days=7)).date() if dispatched else None
        answered = (
            created + dt.timedelta(days=rng.randint(1, 9))
            if state in ("answered", "called_back", "closed")
            else None
        )
        closed = answered + dt.timedelta(days=1) if state == "closed" else None
        satisfaction = ""
        if state in ("called_back", "closed"):
            satisfaction = rng.choice(["satisfied", "satisfied", "basic", "unsatisfied"])
        overdue = dispatched is not None and answered is None and due < self.now.date()
        values = [
            f"{created:%Y%m%d}{seq:06d}", f"bench-{seq}",
            rng.choice(["consult", "complaint", "complaint", "suggestion", "help", "report"]),
            category_id, rng.choice(["web", "hotline", "hotline"]), subject, description,
            rng.choice(self.regions), "", rng.choice(["王先生", "李女士", "陈先生"]),
            f"139{seq % 100000000:08d}", "", rng.random() < 0.4, state,
            None if state == "accepted" else department_id, dispatched, due,
            "overdue" if overdue and state != "merged" else "",
            "已核实处理。" if answered else "", satisfaction, "",
            1 if rng.random() < 0.03 else 0, 1 if rng.random() < 0.05 else 0,
            text, created, answered, closed, False, True,
        ]  # fmt: skip
        return "\t".join(_esc(v) for v in values) + "\n"


def generate(*, count: int, batch: int, days: int) -> int:
    from django.db import connection

    from participation.appeals.models import Appeal

    if connection.vendor != "postgresql":
        raise SystemExit("volume_appeals needs PostgreSQL (it uses COPY).")
    started = time.monotonic()
    rng = random.Random(20261206)
    maker = RowMaker(pool=_text_pool(_setup(), rng, 3000), days=days, seed=15)
    first = (Appeal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    written = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'participation_appeal' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        trigram = cursor.fetchall()  # rebuilt with the same definition after the load
        for name, _definition in trigram:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        copy_sql = f"COPY participation_appeal ({', '.join(COLUMNS)}) FROM STDIN"
        while written < count:
            size = min(batch, count - written)
            start = first + written
            data = "".join(maker.row(seq) for seq in range(start, start + size))
            with cursor.copy(copy_sql) as copy:
                copy.write(data)
            written += size
            rate = written / (time.monotonic() - started)
            print(f"  {written:,} appeals ({rate:,.0f}/s)", flush=True)
        print("  building the trigram index…", flush=True)
        for _name, definition in trigram:
            cursor.execute(definition)
        cursor.execute("ANALYZE participation_appeal")
    print(f"  done in {time.monotonic() - started:,.0f} s", flush=True)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    import django

    django.setup()
    generate(count=args.count, batch=args.batch, days=args.days)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
