"""Benchmarks of the business channel (never timed assertions in tests).

1. Matching: one business profile against 1,000 compiled policies (in memory). Target ≤ 20 ms.
2. 免申即享 scan: 100,000 business profiles × 100 免申即享 policies, stored in the database,
   processed batch by batch exactly as the Celery task does, with progress printed.
   Target ≤ 60 s.

Usage:
    .venv/bin/python bench/bench_policies.py            # matching only (no database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_policies \\
        .venv/bin/python bench/bench_policies.py --scan [--businesses 100000] [--policies 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

INDUSTRIES = [
    "A0111",
    "C1713",
    "C2710",
    "C3421",
    "C3586",
    "C3911",
    "E4710",
    "F5137",
    "F5211",
    "G5430",
    "H6110",
    "H6210",
    "H6220",
    "I6510",
    "K7010",
    "O8010",
    "R8710",
    "R9011",
]
DISTRICTS = ["310101", "310104", "310105", "310114", "310115"]
SIZES = ["大", "中", "小", "微"]
RATINGS = ["A", "B", "M", "C", "D"]
LICENCES = [
    "食品经营许可证",
    "道路运输经营许可证",
    "医疗器械生产许可证",
    "对外贸易经营者备案登记表",
    "建筑业企业资质证书",
    "公共场所卫生许可证",
]


def random_profile(rng: random.Random) -> dict:
    return {
        "industry_code": rng.choice(INDUSTRIES),
        "enterprise_size": rng.choice(SIZES),
        "registration_district": rng.choice(DISTRICTS),
        "established_date": dt.date(2026, 1, 1) - dt.timedelta(days=rng.randint(30, 9000)),
        "headcount": rng.randint(1, 900),
        "tax_credit_rating": rng.choice(RATINGS),
        "licences": rng.sample(LICENCES, rng.randint(0, 2)),
    }


def random_rule(rng: random.Random) -> list[dict]:
    """3–5 conditions in one or two AND groups, like the demo policies (never contradictory)."""
    from policies.rules import rule_errors

    while True:
        rows = []
        for group in range(1, rng.choice([1, 1, 1, 2]) + 1):
            for kind in rng.sample(
                ["industry", "size", "district", "age", "headcount", "credit", "licence"],
                rng.randint(3, 5),
            ):
                if kind == "industry":
                    row = (
                        "industry_code",
                        "prefix_in",
                        ",".join({c[: rng.choice([1, 3])] for c in rng.sample(INDUSTRIES, 2)}),
                    )
                elif kind == "size":
                    row = ("enterprise_size", "in", ",".join(rng.sample(SIZES, rng.randint(1, 3))))
                elif kind == "district":
                    row = (
                        "registration_district",
                        "prefix_in",
                        rng.choice(["31", "3101", rng.choice(DISTRICTS)]),
                    )
                elif kind == "age":
                    row = ("age_years", rng.choice(["gte", "lte"]), str(rng.randint(1, 10)))
                elif kind == "headcount":
                    row = (
                        "headcount",
                        rng.choice(["gte", "lte"]),
                        str(rng.choice([10, 20, 50, 100, 300])),
                    )
                elif kind == "credit":
                    row = (
                        "tax_credit_rating",
                        rng.choice(["in", "not_in"]),
                        ",".join(rng.sample(RATINGS, 2)),
                    )
                else:
                    row = ("licences", "has", rng.choice(LICENCES))
                rows.append({"group": group, "field": row[0], "operator": row[1], "value": row[2]})
        if not rule_errors(rows):
            return rows


def bench_matching(n_policies: int = 1000, repeat: int = 50) -> None:
    import django

    django.setup()
    from policies import rules

    rng = random.Random(6)
    raw = [random_rule(rng) for _ in range(n_policies)]
    t0 = time.perf_counter()
    compiled = [rules.rule_compile(r) for r in raw]
    compile_ms = (time.perf_counter() - t0) * 1000
    profile_values = random_profile(rng)
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        profile = rules.profile_normalise(profile_values)
        results = [rule.evaluate(profile) for rule in compiled]
        timings.append((time.perf_counter() - t0) * 1000)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    print(f"matching: 1 business × {n_policies} policies")
    print(f"  compile once: {compile_ms:.1f} ms")
    print(
        f"  evaluate (with reasons): median {statistics.median(timings):.2f} ms, "
        f"p95 {sorted(timings)[int(repeat * 0.95) - 1]:.2f} ms, max {max(timings):.2f} ms (target ≤ 20 ms)"
    )
    print(f"  outcome: {counts}")


def bench_scan(n_businesses: int, n_policies: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from accounts.models import Department, Organisation
    from policies import services
    from policies.constants import ScanStatus
    from policies.models import (
        BenefitNotice,
        BenefitScanRun,
        BusinessProfile,
        PolicyCondition,
        PolicyPage,
    )
    from policies.tests.factories import channel_page

    rng = random.Random(60)
    print(
        f"scan: {n_businesses:,} businesses × {n_policies} 免申即享 policies on {connection.vendor}"
    )
    t0 = time.perf_counter()
    existing = Organisation.objects.filter(uscc__startswith="BENCH").count()
    if existing != n_businesses:
        BenefitNotice.objects.all().delete()
        BusinessProfile.objects.filter(organisation__uscc__startswith="BENCH").delete()
        Organisation.objects.filter(uscc__startswith="BENCH").delete()
        for start in range(0, n_businesses, 10_000):
            with transaction.atomic():
                orgs = Organisation.objects.bulk_create(
                    [
                        Organisation(
                            name=f"基准测试企业{i}", uscc=f"BENCH{i:013d}", region_code="310114"
                        )
                        for i in range(start, min(start + 10_000, n_businesses))
                    ]
                )
                profiles = []
                for org in orgs:
                    values = random_profile(rng)
                    profiles.append(
                        BusinessProfile(
                            organisation=org,
                            sources={k: "certified" for k in values},
                            certified_values={},
                            **values,
                        )
                    )
                BusinessProfile.objects.bulk_create(profiles)
    print(f"  data ready in {time.perf_counter() - t0:.1f} s")

    department = Department.objects.first() or Department.objects.create(
        code="bench", name="基准测试部门", uscc="BENCHDEPT000000000", region_code="310000"
    )
    channel = channel_page()
    bench_pages = list(PolicyPage.objects.filter(slug__startswith="bench-"))
    if True:  # rules are regenerated each run so they follow random_rule()
        for p in bench_pages:
            p.delete()
        for i in range(n_policies):
            page = PolicyPage(
                title=f"基准政策{i}",
                slug=f"bench-{i}",
                department=department,
                document_number=f"基准〔2026〕{i}号",
                effective_from=dt.date(2026, 1, 1),
                summary="基准",
                linked_service_codes="RSJ-05-0001",
                benefit_without_application=True,
            )
            page.conditions = [PolicyCondition(**row) for row in random_rule(rng)]
            channel.add_child(instance=page)
            page.save_revision().publish()
    BenefitNotice.objects.all().delete()
    PolicyPage.objects.filter(benefit_without_application=True).exclude(
        slug__startswith="bench-"
    ).update(benefit_without_application=False)  # measure exactly the generated policies

    total = BusinessProfile.objects.count()
    t0 = time.perf_counter()
    compiled = services._scan_policies()
    run = BenefitScanRun.objects.create(total=total, policies_scanned=len(compiled))
    more = True
    while more:
        more = services.benefit_scan_process_batch(run=run, batch_size=5000, compiled=compiled)
        run.refresh_from_db()
        print(
            f"  progress {run.processed:>7,}/{run.total:,} ({run.percent:3d}%)  notices {run.notices_created:,}"
            f"  {time.perf_counter() - t0:5.1f} s",
            flush=True,
        )
    elapsed = time.perf_counter() - t0
    assert run.status == ScanStatus.DONE
    print(
        f"  scan finished: {elapsed:.1f} s for {total:,} profiles × {len(compiled)} policies "
        f"= {total * len(compiled) / elapsed / 1e6:.2f} M evaluations/s; "
        f"{run.notices_created:,} notices (target ≤ 60 s)"
    )
    t0 = time.perf_counter()
    run2 = BenefitScanRun.objects.create(total=total, policies_scanned=len(compiled))
    while services.benefit_scan_process_batch(run=run2, batch_size=5000, compiled=compiled):
        pass
    run2.refresh_from_db()
    print(
        f"  re-scan (idempotent, nothing new): {time.perf_counter() - t0:.1f} s, {run2.notices_created} new notices"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scan", action="store_true")
    parser.add_argument("--businesses", type=int, default=100_000)
    parser.add_argument("--policies", type=int, default=100)
    args = parser.parse_args()
    bench_matching()
    if args.scan:
        bench_scan(args.businesses, args.policies)


if __name__ == "__main__":
    main()
