"""Demo of the service hall, loaded after applications: one hall, 8 windows in 3 groups, the
rota for the coming two weeks, a day of booked appointments, today's tickets in every state
and four weeks of finished tickets for the statistics (bulk_create, a few seconds).

Idempotent: the hall is found by its slug; rota rows, appointments (by code) and history
(by its days) are skipped when present. The demo clerk `clerk` staffs window 4 (户政) every
day, with nobody waiting there at load time, so a booked person checking in is called first.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from accounts.constants import Role
from accounts.models import Department, User
from accounts.services import staff_create
from hall import clock
from hall.constants import AppointmentStatus, Priority, TicketChannel, TicketStatus
from hall.models import (
    Appointment,
    CallEvent,
    Hall,
    OpeningHours,
    Ticket,
    TicketCounter,
    Window,
    WindowAssignment,
    WindowGroup,
)
from hall.selectors.slots import hall_open_on
from hall.services.appointments import CODE_ALPHABET, CODE_LENGTH
from services_catalog.selectors import services_live

SLUG = "shimin"
GROUPS = [
    # prefix, name, general, service codes, window numbers
    (
        "A",
        "社保就业窗口",
        False,
        ["RSJ-20-0001", "RSJ-20-0002", "RSJ-20-0006", "RSJ-20-0007"],
        [1, 2, 3],
    ),
    (
        "B",
        "公安户政窗口",
        False,
        ["GONGAN-07-0001", "GONGAN-07-0003", "GONGAN-01-0002", "GONGAN-07-0002", "GONGAN-20-0001"],
        [4, 5],
    ),
    (
        "C",
        "综合窗口（无差别受理）",
        True,
        ["ZWFW-20-0001", "MZJ-07-0001", "BDC-20-0001", "SWJ-20-0004"],
        [6, 7, 8],
    ),
]
DEMO_CLERK_WINDOW = 4
HISTORY_DAYS = 28
ROTA_DAYS = 14


def _hall() -> Hall:
    hall, created = Hall.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "市民中心政务服务大厅",
            "address": "嘉定区博乐路 70 号市民中心一楼",
            "phone": "021-12345",
            "rest_day_service": False,
        },
    )
    if created:
        for weekday in range(5):
            OpeningHours.objects.create(
                hall=hall, weekday=weekday, opens=dt.time(9), closes=dt.time(12)
            )
            OpeningHours.objects.create(
                hall=hall, weekday=weekday, opens=dt.time(13), closes=dt.time(17)
            )
        OpeningHours.objects.create(hall=hall, weekday=5, opens=dt.time(9), closes=dt.time(12))
    return hall


def _groups(hall: Hall) -> list[Window]:
    live = {s.code: s for s in services_live()}
    windows = []
    for prefix, name, general, codes, numbers in GROUPS:
        group, _ = WindowGroup.objects.get_or_create(
            hall=hall, prefix=prefix, defaults={"name": name, "general": general}
        )
        group.services.add(*[live[c] for c in codes if c in live])
        for n in numbers:
            window, _ = Window.objects.get_or_create(hall=hall, number=n, defaults={"group": group})
            windows.append(window)
    return windows


def _clerks() -> dict[int, User]:
    zwfw = Department.objects.get(code="zwfw")
    clerks = {DEMO_CLERK_WINDOW: User.objects.get(username="clerk")}
    others = [n for n in range(1, 9) if n != DEMO_CLERK_WINDOW]
    for i, n in enumerate(others):
        username = f"hall-clerk-{n}"
        user = User.objects.filter(username=username).first() or staff_create(
            username=username,
            email=f"{username}@ywtb.example.gov.cn",
            password=None,
            real_name=["吴磊", "郑洁", "冯涛", "褚红", "卫东", "蒋琳", "沈超"][i],
            department=zwfw,
            roles=[Role.WINDOW_CLERK],
        )
        clerks[n] = user
    return clerks


def _rota(hall: Hall, windows: list[Window], clerks: dict[int, User], days: list[dt.date]) -> None:
    existing = set(
        WindowAssignment.objects.filter(window__hall=hall, day__in=days).values_list(
            "window_id", "day"
        )
    )
    WindowAssignment.objects.bulk_create(
        [
            WindowAssignment(window=w, day=day, staff=clerks[w.number])
            for day in days
            for w in windows
            if (w.pk, day) not in existing
        ],
        ignore_conflicts=True,
    )


def _open_days(hall: Hall, start: dt.date, count: int, step: int) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if (
            hall_open_on(hall=hall, day=day)
            and hall.opening_hours.filter(weekday=day.weekday()).exists()
        ):
            days.append(day)
        day += dt.timedelta(days=step)
    return days


def _appointments(hall: Hall, day: dt.date) -> None:
    """A day of booked appointments for the two demo citizens and a few generated people."""
    people = list(User.objects.filter(username__in=["citizen2", "business"]))
    groups = {g.prefix: g for g in hall.groups.all()}
    rng = random.Random(7)
    rows = []
    for i, hour in enumerate([9, 9, 10, 10, 11, 13, 14, 14, 15, 16]):
        group = groups["A" if i % 2 else "C"]
        choices = list(group.services.order_by("code"))
        if not choices:
            continue
        service = choices[(i // 2) % len(choices)]
        code_rng = random.Random(day.toordinal() * 100 + i)
        code = "".join(code_rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        rows.append(
            Appointment(
                code=code,
                user=people[i % len(people)],
                hall=hall,
                group=group,
                service=service,
                day=day,
                start=dt.time(hour, 30 if rng.random() < 0.5 else 0),
                end=dt.time(hour, 59),  # set below from the slot length
            )
        )
    for row in rows:
        row.end = (dt.datetime.combine(day, row.start) + dt.timedelta(minutes=30)).time()
    existing = set(
        Appointment.objects.filter(code__in=[r.code for r in rows]).values_list("code", flat=True)
    )
    Appointment.objects.bulk_create(
        [r for r in rows if r.code not in existing], ignore_conflicts=True
    )


def _ticket(hall, group, day, seq, issued, **kw) -> Ticket:
    return Ticket(
        hall=hall,
        group=group,
        issued_group=group,
        day=day,
        seq=seq,
        number=f"{group.prefix}{seq:03d}",
        channel=kw.pop("channel", TicketChannel.KIOSK),
        queued_at=issued,
        issued_at=issued,
        **kw,
    )


def _history(
    hall: Hall, windows: list[Window], clerks: dict[int, User], days: list[dt.date]
) -> None:
    """Finished tickets for past days; a few dropped; busier mornings."""
    done_days = set(Ticket.objects.filter(hall=hall, day__in=days).values_list("day", flat=True))
    rng = random.Random(42)
    by_group: dict[int, list[Window]] = {}
    for w in windows:
        by_group.setdefault(w.group_id, []).append(w)
    groups = list(hall.groups.all())
    tickets, counters = [], []
    for day in days:
        if day in done_days:
            continue
        for group in groups:
            seq = 0
            for hour in [9, 9, 10, 10, 11, 13, 14, 15, 16]:
                for _ in range(rng.randint(2, 4)):
                    seq += 1
                    issued = timezone.make_aware(
                        dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)))
                    )
                    called = issued + dt.timedelta(minutes=rng.randint(1, 35))
                    window = rng.choice(by_group[group.pk])
                    dropped = rng.random() < 0.04
                    started = None if dropped else called + dt.timedelta(minutes=1)
                    tickets.append(
                        _ticket(
                            hall,
                            group,
                            day,
                            seq,
                            issued,
                            status=TicketStatus.DROPPED if dropped else TicketStatus.DONE,
                            window=window,
                            clerk=clerks[window.number],
                            first_called_at=called,
                            called_at=called,
                            started_at=started,
                            finished_at=called + dt.timedelta(minutes=2)
                            if dropped
                            else started + dt.timedelta(minutes=rng.randint(3, 18)),
                            skips=2 if dropped else 0,
                        )
                    )
            counters.append(TicketCounter(group=group, day=day, last=seq))
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    TicketCounter.objects.bulk_create(counters, ignore_conflicts=True)


def _today(hall: Hall, windows: list[Window], clerks: dict[int, User], today: dt.date) -> None:
    """Today: finished, dropped, called, serving and waiting tickets (none waiting for window
    4's group, so the demo clerk's first call is whoever checks in there)."""
    if Ticket.objects.filter(hall=hall, day=today).exists():
        return
    groups = {g.prefix: g for g in hall.groups.all()}
    win = {w.number: w for w in windows}
    start = timezone.make_aware(dt.datetime.combine(today, dt.time(9)))
    plan = {
        "A": [
            TicketStatus.DONE,
            TicketStatus.DONE,
            TicketStatus.DROPPED,
            TicketStatus.SERVING,
            TicketStatus.CALLED,
            TicketStatus.WAITING,
            TicketStatus.WAITING,
            TicketStatus.WAITING,
        ],
        "B": [TicketStatus.DONE, TicketStatus.DONE],
        "C": [TicketStatus.DONE, TicketStatus.SERVING, TicketStatus.WAITING, TicketStatus.WAITING],
    }
    serving_window = {"A": [1, 2], "B": [5], "C": [6, 7]}
    rows = []
    for prefix, states in plan.items():
        group = groups[prefix]
        active = list(serving_window[prefix])
        for seq, state in enumerate(states, start=1):
            issued = start + dt.timedelta(minutes=7 * seq)
            kw: dict = {"status": state}
            if state != TicketStatus.WAITING:
                window_number = (
                    active.pop(0)
                    if state in (TicketStatus.CALLED, TicketStatus.SERVING)
                    else serving_window[prefix][-1]
                )
                called = issued + dt.timedelta(minutes=5)
                kw.update(
                    window=win[window_number],
                    clerk=clerks[window_number],
                    first_called_at=called,
                    called_at=called,
                )
                if state in (TicketStatus.SERVING, TicketStatus.DONE):
                    kw["started_at"] = called + dt.timedelta(minutes=1)
                if state == TicketStatus.DONE:
                    kw["finished_at"] = called + dt.timedelta(minutes=9)
                if state == TicketStatus.DROPPED:
                    kw.update(finished_at=called + dt.timedelta(minutes=2), skips=2)
            if prefix == "A" and seq == 8:
                kw["priority"] = Priority.GREEN
            rows.append(_ticket(hall, group, today, seq, issued, **kw))
        TicketCounter.objects.update_or_create(
            group=group, day=today, defaults={"last": len(states)}
        )
    Ticket.objects.bulk_create(rows)
    for t in Ticket.objects.filter(
        hall=hall, day=today, status__in=[TicketStatus.CALLED, TicketStatus.SERVING]
    ):
        CallEvent.objects.create(hall=hall, ticket=t, window=t.window)


@transaction.atomic
def load(*, stdout=None) -> None:
    hall = _hall()
    windows = _groups(hall)
    clerks = _clerks()
    today = clock.today()
    _rota(hall, windows, clerks, [today + dt.timedelta(days=i) for i in range(ROTA_DAYS + 1)])
    past = _open_days(hall, today - dt.timedelta(days=1), HISTORY_DAYS * 5 // 7, step=-1)
    _rota(hall, windows, clerks, past)
    _history(hall, windows, clerks, past)
    _today(hall, windows, clerks, today)
    upcoming = _open_days(hall, today + dt.timedelta(days=1), 1, step=1)
    _appointments(hall, upcoming[0])
    Appointment.objects.filter(hall=hall, day__lt=today, status=AppointmentStatus.BOOKED).update(
        status=AppointmentStatus.NO_SHOW
    )
    if stdout is not None:
        stdout.write(
            f"  hall: {hall.name}, {len(windows)} windows, "
            f"{Ticket.objects.filter(hall=hall).count()} tickets"
        )
