"""Generate a large number of realistic applications in PostgreSQL for the benchmarks.

    manage.py generate_applications --count 1000000

Uses COPY (psycopg) in batches; creates --users synthetic citizens first (bulk_create) and
gives the demo citizen --demo-share of them. States follow a realistic mix: most cases are
closed, a few percent wait at the window or in review. Not for production databases.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
import uuid

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.constants import AccountKind
from accounts.models import User
from applications.constants import Status
from applications.deadlines import add_working_days
from applications.models import Application
from services_catalog.models import ServiceItem

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
    "decision_reason",
    "region_code",
]


def _esc(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Command(BaseCommand):
    help = "Generate N synthetic applications (PostgreSQL COPY) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument("--batch", type=int, default=50_000)
        parser.add_argument(
            "--demo-share", type=int, default=300, help="applications for the demo citizen"
        )

    def handle(self, *args, count: int, users: int, batch: int, demo_share: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_applications needs PostgreSQL (it uses COPY).")
        services = list(ServiceItem.objects.filter(live=True).select_related("department"))
        if not services:
            raise CommandError("No live services: load the demo data first.")
        started = time.monotonic()
        applicant_ids = self._users(users)
        demo = User.objects.filter(username="citizen").first()
        rng = random.Random(20261125)
        states = [s for s, w in STATE_MIX for _ in range(w)]
        now = timezone.now()
        today = timezone.localdate()
        next_id = (
            Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        written = 0
        with connection.cursor() as cursor:
            while written < count:
                size = min(batch, count - written)
                buffer = io.StringIO()
                for i in range(size):
                    seq = next_id + written + i
                    service = services[seq % len(services)]
                    if demo is not None and seq % max(count // max(demo_share, 1), 1) == 0:
                        applicant_id = demo.pk
                    else:
                        applicant_id = applicant_ids[rng.randrange(len(applicant_ids))]
                    status = states[rng.randrange(len(states))]
                    created = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 720))
                    day = timezone.localdate(created)
                    submitted = (
                        None if status == Status.DRAFT else created + dt.timedelta(minutes=5)
                    )
                    accepted = (
                        submitted + dt.timedelta(hours=20)
                        if submitted
                        and status
                        not in (
                            Status.SUBMITTED,
                            Status.SUPPLEMENT,
                            Status.WITHDRAWN,
                            Status.NOT_ACCEPTED,
                        )
                        else None
                    )
                    if status in (Status.SUBMITTED, Status.PRE_REVIEW):  # the live queue is recent
                        created = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 10))
                        submitted = created
                        day = timezone.localdate(created)
                    number = (
                        None
                        if submitted is None
                        else f"{service.department.code.upper()[:8]}{day:%Y%m%d}{seq:09d}"
                    )
                    row = [
                        uuid.uuid4(),
                        number,
                        service.pk,
                        service.code,
                        service.name,
                        service.department_id,
                        applicant_id,
                        "online",
                        status,
                        4,
                        f"申请人{seq % 9973}",
                        "",
                        f"139{seq % 100000000:08d}",
                        "",
                        "",
                        "f",
                        "{}",
                        f"gen-{seq}",
                        "",
                        "",
                        created,
                        created,
                        submitted,
                        accepted,
                        add_working_days(day, 5) if submitted else None,
                        add_working_days(day, service.promised_limit_days) if submitted else None,
                        add_working_days(day, service.legal_limit_days) if submitted else None,
                        0,
                        "overdue"
                        if status in (Status.SUBMITTED,) and day < today - dt.timedelta(days=8)
                        else "",
                        "",
                        service.department.region_code or "310000",
                    ]
                    buffer.write("\t".join(_esc(v) for v in row) + "\n")
                buffer.seek(0)
                with transaction.atomic():
                    with cursor.cursor.copy(
                        f"COPY applications_application ({', '.join(COLUMNS)}) FROM STDIN"
                    ) as copy:
                        copy.write(buffer.getvalue())
                written += size
                self.stdout.write(f"{written:,} / {count:,} ({time.monotonic() - started:.0f}s)")
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('applications_application', 'id'), "
                "(SELECT MAX(id) FROM applications_application))"
            )
            cursor.execute("VACUUM ANALYZE applications_application")
        self.stdout.write(
            self.style.SUCCESS(f"{written:,} applications in {time.monotonic() - started:.0f}s")
        )

    def _users(self, n: int) -> list[int]:
        existing = list(
            User.objects.filter(username__startswith="bench-").values_list("pk", flat=True)
        )
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
