"""Generate a large number of realistic applications in PostgreSQL for the benchmarks.

    DATABASE_URL=postgres://.../ywtb_bench .venv/bin/python bench/volume_applications.py \
        [--count 1000000] [--users 20000] [--batch 50000] [--demo-share 300]

Run after `manage.py load_demo_data` on that database (it needs the live services). Uses COPY
(psycopg) in batches; creates --users synthetic citizens first (bulk_create, usernames
`bench-NNNNNN`) and gives the demo citizen --demo-share of the cases. States follow a
realistic mix: most cases are closed, a few percent wait at the window or in review.
Not for production databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from applications.constants import Status  # noqa: E402 - plain choices, no app registry needed

STATE_MIX = [
    (Status.EVALUATED, 55),
    (Status.COMPLETED, 25),
    (Status.WITHDRAWN, 3),
    (Status.NOT_ACCEPTED, 2),
    (Status.SUBMITTED, 4),
    (Status.SUPPLEMENT, 1),
    (Status.ACCEPTED, 3),
    (Status.UNDER_REVIEW, 5),
    (Status.SUSPENDED, 1),
    (Status.DRAFT, 1),
]

COLUMNS = [
    "uuid",
    "number",
    "service_id",
    "service_code",
    "service_name",
    "department_id",
    "applicant_id",
    "channel",
    "status",
    "draft_step",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "identity_verified",
    "form_data",
    "idempotency_key",
    "source_reference",
    "commitment_text",
    "created_at",
    "updated_at",
    "submitted_at",
    "accepted_at",
    "intake_due",
    "promised_due",
    "legal_due",
    "paused_working_days",
    "due_flag",
    "due_provisional",
    "decision_reason",
    "region_code",
]


def _esc(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _users(n: int) -> list[int]:
    """Ids of n synthetic citizens, created once (bulk) and reused by later runs."""
    from django.contrib.auth.hashers import make_password

    from accounts.constants import AccountKind
    from accounts.models import User

    existing = list(User.objects.filter(username__startswith="bench-").values_list("pk", flat=True))
    missing = n - len(existing)
    if missing > 0:
        start = len(existing)
        User.objects.bulk_create(
            [
                User(
                    username=f"bench-{start + i:06d}",
                    kind=AccountKind.CITIZEN,
                    real_name=f"用户{start + i}",
                    password=make_password(None),
                    email="",
                )
                for i in range(missing)
            ],
            batch_size=5000,
        )
        existing = list(
            User.objects.filter(username__startswith="bench-").values_list("pk", flat=True)
        )
    return existing[:n]


class RowMaker:
    """One COPY row per sequence number: service, applicant, state and its dates."""

    def __init__(self, *, services, applicant_ids, demo_id, demo_every):
        from django.utils import timezone

        self.services, self.applicant_ids = services, applicant_ids
        self.demo_id, self.demo_every = demo_id, demo_every
        self.rng = random.Random(20261125)
        self.states = [s for s, w in STATE_MIX for _ in range(w)]
        self.now, self.today = timezone.now(), timezone.localdate()
        self.dues: dict[tuple[dt.date, int], dt.date] = {}

    def _applicant(self, seq: int) -> int:
        if self.demo_id is not None and seq % self.demo_every == 0:
            return self.demo_id
        return self.applicant_ids[self.rng.randrange(len(self.applicant_ids))]

    def _dates(self, status: str):
        from django.utils import timezone

        created = self.now - dt.timedelta(minutes=self.rng.randrange(60 * 24 * 720))
        submitted = None if status == Status.DRAFT else created + dt.timedelta(minutes=5)
        waiting = (Status.SUBMITTED, Status.SUPPLEMENT, Status.WITHDRAWN, Status.NOT_ACCEPTED)
        accepted = (
            submitted + dt.timedelta(hours=20) if submitted and status not in waiting else None
        )
        if status in (Status.SUBMITTED, Status.PRE_REVIEW):  # the live queue is recent
            created = self.now - dt.timedelta(minutes=self.rng.randrange(60 * 24 * 10))
            submitted = created
        return created, submitted, accepted, timezone.localdate(created)

    def _due(self, day: dt.date, days: int) -> dt.date:
        """add_working_days, memoised: ~720 start days × a few limits, not 3 walks per row."""
        from applications.deadlines import add_working_days

        key = (day, days)
        if key not in self.dues:
            self.dues[key] = add_working_days(day, days)
        return self.dues[key]

    def row(self, seq: int) -> str:
        service = self.services[seq % len(self.services)]
        applicant_id = self._applicant(seq)
        status = self.states[self.rng.randrange(len(self.states))]
        created, submitted, accepted, day = self._dates(status)
        number = (
            None
            if submitted is None
            else f"{service.department.code.upper()[:8]}{day:%Y%m%d}{seq:09d}"
        )
        due = (lambda days: self._due(day, days)) if submitted else (lambda days: None)
        overdue = status == Status.SUBMITTED and day < self.today - dt.timedelta(days=8)
        values = [
            uuid.uuid4(), number, service.pk, service.code, service.name, service.department_id,
            applicant_id, "online", status, 4, f"申请人{seq % 9973}", "",
            f"139{seq % 100000000:08d}", "", "", "f", "{}", f"gen-{seq}", "", "",
            created, created, submitted, accepted,
            due(5), due(service.promised_limit_days), due(service.legal_limit_days),
            0, "overdue" if overdue else "", "f", "", service.department.region_code or "310000",
        ]  # fmt: skip
        return "\t".join(_esc(v) for v in values) + "\n"


def generate(*, count: int, users: int, batch: int, demo_share: int) -> int:
    """Append `count` applications with COPY; returns how many were written."""
    from django.db import connection, transaction

    from accounts.models import User
    from applications.models import Application
    from services_catalog.models import ServiceItem

    if connection.vendor != "postgresql":
        raise SystemExit("volume_applications needs PostgreSQL (it uses COPY).")
    services = list(ServiceItem.objects.filter(live=True).select_related("department"))
    if not services:
        raise SystemExit("No live services: run manage.py load_demo_data first.")
    started = time.monotonic()
    demo = User.objects.filter(username="citizen").first()
    rows = RowMaker(
        services=services,
        applicant_ids=_users(users),
        demo_id=demo.pk if demo else None,
        demo_every=max(count // max(demo_share, 1), 1),
    )
    last = Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    written = 0
    with connection.cursor() as cursor:
        while written < count:
            size = min(batch, count - written)
            first = last + 1 + written
            data = "".join(rows.row(seq) for seq in range(first, first + size))
            with transaction.atomic():
                copy_sql = f"COPY applications_application ({', '.join(COLUMNS)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    copy.write(data)
            written += size
            print(f"{written:,} / {count:,} ({time.monotonic() - started:.0f}s)", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('applications_application', 'id'), "
            "(SELECT MAX(id) FROM applications_application))"
        )
        cursor.execute("VACUUM ANALYZE applications_application")
    print(f"{written:,} applications in {time.monotonic() - started:.0f}s")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument(
        "--demo-share", type=int, default=300, help="applications for the demo citizen"
    )
    args = parser.parse_args()
    import django

    django.setup()
    generate(count=args.count, users=args.users, batch=args.batch, demo_share=args.demo_share)
    return 0


if __name__ == "__main__":
    sys.exit(main())
