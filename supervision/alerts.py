"""红黄牌预警: raised by a periodic task, idempotent, notifying the holder and the department head.

- yellow: SUPERVISION_YELLOW_SHARE (default 0.8) of the promised time is used, in working days;
  for a case still at the window, of the 5-day intake limit;
- red: the deadline (受理期限 at the window, 承诺办结期限 after) has passed.
A case whose clock is paused (补正, 特别程序) or that has left the running states gets its
warnings cleared; if it turns late again the warning is raised (and sent) again.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications import selectors as cases
from applications.constants import OPEN_INTAKE_STATES, SUPPLEMENT_NOTICE_DAYS
from applications.models import Application
from config.tasks import enqueue
from supervision import calendar
from supervision.constants import WarningLevel
from supervision.models import CaseWarning


def _level(row: dict, today: dt.date, share: float, remaining) -> tuple[str, dt.date] | None:
    if row["status"] in OPEN_INTAKE_STATES:
        due, limit = row["intake_due"], SUPPLEMENT_NOTICE_DAYS
    else:
        due, limit = row["promised_due"], row["promised_days"] or 0
    if due is None:
        return None
    if today > due:
        return WarningLevel.RED, due
    if limit and (limit - remaining(due)) / limit >= share:
        return WarningLevel.YELLOW, due
    return None


def warnings_compute(*, today: dt.date | None = None) -> dict[int, tuple[str, dt.date, int]]:
    """{case id: (level, due, department id)} for every running case that deserves a card."""
    today = today or timezone.localdate()
    share = float(settings.SUPERVISION_YELLOW_SHARE)

    @cache
    def remaining(due: dt.date) -> int:
        return calendar.working_days_between(start=today, end=due)

    found = {}
    for row in cases.cases_running_for_warnings().iterator(chunk_size=2000):
        level = _level(row, today, share, remaining)
        if level is not None:
            found[row["pk"]] = (level[0], level[1], row["department_id"])
    return found


def _holders(pairs: list[tuple[int, str]]) -> dict[int, int | None]:
    stubs = [Application(pk=pk, status=status) for pk, status in pairs]
    holders = cases.case_holders(applications=stubs)
    return {pk: (user.pk if user else None) for pk, user in holders.items()}


def warnings_raise(*, today: dt.date | None = None, notify: bool = True) -> dict[str, int]:
    """Bring the open warnings in line with the cases; safe to run any number of times.
    notify=False (the demo) records them as already sent."""
    wanted = warnings_compute(today=today)
    now = timezone.now()
    open_warnings = {
        (w.application_id, w.level): w for w in CaseWarning.objects.filter(cleared_at__isnull=True)
    }
    stale = [
        w.pk
        for (app_id, level), w in open_warnings.items()
        if wanted.get(app_id, ("",))[0] != level
    ]
    new = [(pk, v) for pk, v in wanted.items() if (pk, v[0]) not in open_warnings]
    statuses = (
        dict(
            cases.cases_running_for_warnings()
            .filter(pk__in=[pk for pk, _ in new])
            .values_list("pk", "status")
        )
        if new
        else {}
    )
    holders = _holders(list(statuses.items()))
    raised = []
    with transaction.atomic():
        CaseWarning.objects.filter(pk__in=stale).update(cleared_at=now)
        for app_id, (level, due, department_id) in new:
            warning, _created = CaseWarning.objects.update_or_create(
                application_id=app_id,
                level=level,
                defaults={
                    "department_id": department_id,
                    "due": due,
                    "holder_id": holders.get(app_id),
                    "cleared_at": None,
                    "notified_at": None if notify else now,
                },
            )
            raised.append(warning.pk)
        if notify:
            for pk in raised:
                enqueue("supervision.tasks.warning_notify", pk)
    return {"raised": len(raised), "cleared": len(stale), "open": len(wanted)}
