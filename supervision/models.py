"""What supervision owns: daily rollups of the lower apps' facts, warnings and 督办.

The rollups are derived data: `supervision.rollups` rebuilds any day from the source apps'
selectors, so a row can always be thrown away and recomputed. Warnings and chases are
supervision's own records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from supervision.constants import WarningLevel


class CaseRollup(models.Model):
    """One day's counts for one (department, service, staff member).

    staff is who did the counted step (the clerk who accepted, the reviewer who decided);
    it is empty for steps no staff member did (a submission).
    """

    day = models.DateField()
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        "services_catalog.ServiceItem", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    finished = models.PositiveIntegerField(default=0)
    on_time_promised = models.PositiveIntegerField(default=0)
    on_time_legal = models.PositiveIntegerField(default=0)
    handling_hours = models.FloatField(default=0)  # sum over finished cases, submission → 办结
    special = models.PositiveIntegerField(default=0)  # 特别程序 started
    supplements = models.PositiveIntegerField(default=0)  # 补正 requested
    rated = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    bad = models.PositiveIntegerField(default=0)
    rectified = models.PositiveIntegerField(default=0)  # 差评 whose rectification was confirmed

    class Meta:
        indexes = [
            models.Index(fields=["day"], name="sup_rollup_day_idx"),
            models.Index(fields=["department", "day"], name="sup_rollup_dept_idx"),
            models.Index(fields=["service", "day"], name="sup_rollup_service_idx"),
            models.Index(fields=["staff", "day"], name="sup_rollup_staff_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.service_id}/{self.staff_id}"


class ExchangeRollup(models.Model):
    """One day's data-exchange health for one providing department (by its code)."""

    day = models.DateField()
    department_code = models.CharField(max_length=40)
    requested = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    latency_ms_sum = models.FloatField(default=0)
    latency_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "department_code"], name="sup_exchange_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_code}"


class AppealRollup(models.Model):
    """The 12345 appeals received on one day by one department, of one type (诉求类型), with
    their figures as of the last refresh: how many were answered, on time, rated, satisfied,
    returned, and are flagged overdue now.

    Counted by the day received, as `participation.selectors.department_stats` counts: an
    appeal answered weeks later changes its receiving day's row, so the refresh recomputes
    every day that still holds open appeals or had a step lately (`rollups.rollups_refresh`).
    """

    day = models.DateField()
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    appeal_type = models.CharField(max_length=12)
    volume = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)  # answered on or before the due date
    rated = models.PositiveIntegerField(default=0)  # called back with a satisfaction
    satisfied = models.PositiveIntegerField(default=0)  # 满意 or 基本满意
    returns = models.PositiveIntegerField(default=0)  # returned (退单) at least once
    overdue = models.PositiveIntegerField(default=0)  # flagged 红牌超期 now

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "appeal_type"], name="sup_appeal_rollup_once"
            )
        ]
        indexes = [models.Index(fields=["department", "day"], name="sup_appeal_rollup_dept")]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.appeal_type}"


class RollupState(models.Model):
    """When each day's rollup was last computed (so a rebuild can be resumed and checked).

    appeals_computed_at is set when the day's appeal rows were last computed; a day without it
    (rolled up before appeals had a rollup) is read live from the appeals."""

    day = models.DateField(unique=True)
    computed_at = models.DateTimeField()
    appeals_computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.day)


class CaseWarning(models.Model):
    """红黄牌预警 on one case: raised once per level, cleared when it no longer applies."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(max_length=10, choices=WarningLevel.choices)
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField(_("期限"))
    raised_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "level"], name="sup_warning_once")
        ]
        indexes = [
            models.Index(fields=["department", "level", "cleared_at"], name="sup_warning_dept_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.application_id}"


class Chase(models.Model):
    """督办: a supervisor's formal chase of one case, with its own deadline, until answered."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("督办事项"))
    due_date = models.DateField(_("答复期限"))
    issued_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(answered_at__isnull=True),
                name="sup_chase_one_open",
            )
        ]
        indexes = [models.Index(fields=["holder", "answered_at"], name="sup_chase_holder_idx")]

    def __str__(self) -> str:
        return f"督办 {self.application_id}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
