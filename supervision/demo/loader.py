"""Demo of supervision: a past of about six months, so that every chart, list and warning has
something true to show. Loaded only by `manage.py load_demo_data` (after the apps below).

DEMO-ONLY: the history is written with bulk_create by supervision.demo.history (see its docstring).
Idempotent: the history is created once (its cases carry the idempotency key "history:…");
staff accounts are created when missing; the rollups and warnings are recomputed every time.

Demo accounts added (password DEMO_PASSWORD): `head` (王建国), 部门负责人 of 市人力资源和社会保障局.
`reviewer` (刘洋, rsj) holds several overdue cases, for the red cards and the 督办 walkthrough.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts import services as accounts
from accounts.constants import Role
from accounts.demo import DEMO_PASSWORD, make_id_number
from accounts.models import Department, User
from applications.models import Application
from applications.services import applications_flag_deadlines
from services_catalog.selectors import services_live
from supervision import alerts, calendar, rollups
from supervision.demo.history import SURNAMES, Cast, History, write_plans

HISTORY_CASES = 3000
HISTORY_DAYS = 180
GIVEN = ["建华", "海燕", "志强", "丽娟", "国平", "晓明", "春梅", "卫东", "秀珍", "文博"]


def _staff(username: str, name: str, department: Department, roles: list, password=None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = accounts.staff_create(
            username=username,
            email=f"{username}@ywtb.example.gov.cn",
            password=password,
            real_name=name,
            department=department,
            roles=roles,
        )
    return user


def cast_build() -> Cast:
    """The demo's staff, residents and live services (created when missing; bench reuses it)."""
    rng = random.Random(7)
    services = list(services_live().select_related("department").order_by("code"))
    departments = {s.department_id: s.department for s in services}
    zwfw = Department.objects.get(code="zwfw")
    clerks = [User.objects.get(username="clerk")] + [
        _staff(f"clerk{i}", rng.choice(SURNAMES) + rng.choice(GIVEN), zwfw, [Role.WINDOW_CLERK])
        for i in (2, 3)
    ]
    reviewers: dict = {}
    for dept in departments.values():
        names = [f"{dept.code}_reviewer{i}" for i in (1, 2)]
        team = [
            _staff(n, rng.choice(SURNAMES) + rng.choice(GIVEN), dept, [Role.DEPT_REVIEWER])
            for n in names
        ]
        if dept.code == "rsj":
            team.insert(0, User.objects.get(username="reviewer"))
            head = _staff(
                "head", "王建国", dept, [Role.DEPT_HEAD, Role.DEPT_REVIEWER], DEMO_PASSWORD
            )
            EmailAddress.objects.update_or_create(
                user=head, email=head.email, defaults={"verified": True, "primary": True}
            )
        else:
            _staff(f"{dept.code}_head", rng.choice(SURNAMES) + "主任", dept, [Role.DEPT_HEAD])
        reviewers[dept.pk] = team
    reviewers[None] = next(iter(reviewers.values()))
    applicants = []
    for i in range(30):
        username = f"resident{i:03d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            born = dt.date(1960, 1, 1) + dt.timedelta(days=i * 397)
            user = accounts.citizen_create(
                username=username,
                email=f"{username}@example.cn",
                password=None,
                real_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                id_number=make_id_number(f"310114{born:%Y%m%d}{500 + i:03d}"),
            )
        applicants.append(user)
    rsj = next((d for d in departments.values() if d.code == "rsj"), None)
    return Cast(
        services=services,
        clerks=clerks,
        reviewers=reviewers,
        applicants=applicants,
        supervisor=User.objects.get(username="supervisor"),
        stuck_holder={rsj.pk: User.objects.get(username="reviewer")} if rsj else {},
    )


def _submission_times(rng: random.Random, now: dt.datetime, count: int) -> list[dt.datetime]:
    """Working-day office hours over the last HISTORY_DAYS days, rising gently over time."""
    tz = timezone.get_current_timezone()
    out = []
    while len(out) < count:
        back = HISTORY_DAYS * (1 - rng.random() ** 0.8)
        day = (now - dt.timedelta(days=back)).date()
        if not calendar.is_working_day(day=day):
            continue
        minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
        at = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=tz)
        if at < now:
            out.append(at)
    return sorted(out)


def _history(cast: Cast, now: dt.datetime) -> dict:
    history = History(cast=cast, now=now)
    times = _submission_times(random.Random(11), now, HISTORY_CASES)
    plans = [history.plan_case(seq, at) for seq, at in enumerate(times, start=1)]
    # Late on purpose: cases stuck in review well past their promise, in every department,
    # several of them with the demo reviewer (刘洋), so red cards and 督办 have real targets.
    seq = len(plans)
    for dept_id in list(cast.reviewers):
        if dept_id is None:
            continue
        stuck = 4 if dept_id in cast.stuck_holder else 1
        for _ in range(stuck):
            seq += 1
            start = now - dt.timedelta(days=history.rng.randint(35, 60))
            plans.append(history.plan_case(seq, start, stuck=True, department_id=dept_id))
    return write_plans(plans, supervisor=cast.supervisor, now=now)


def load(*, stdout=None) -> None:
    started = time.monotonic()
    now = timezone.now()
    with transaction.atomic():
        cast = cast_build()
        created = {}
        if not Application.objects.filter(idempotency_key__startswith="history:").exists():
            created = _history(cast, now)
    applications_flag_deadlines()
    warnings = alerts.warnings_raise(notify=False)
    today = timezone.localdate()
    days = rollups.rollups_rebuild(start=today - dt.timedelta(days=HISTORY_DAYS + 10), end=today)
    if stdout is not None:
        stdout.write(
            f"  supervision: {created or 'history present'}; {days} days of rollups; "
            f"warnings {warnings}; {time.monotonic() - started:.1f} s"
        )
