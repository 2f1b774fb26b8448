"""The hall itself: windows, window groups, staff rota and opening hours, managed in the admin."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _tablet_token() -> str:
    return secrets.token_urlsafe(16)


class Hall(models.Model):
    """办事大厅 (政务服务中心): booking rules and the no-show rule are set per hall."""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    active = models.BooleanField(_("开放预约和取号"), default=True)
    rest_day_service = models.BooleanField(
        _("休息日照常开放（周末不打烊）"),
        default=False,
        help_text=_("勾选后，休息日和节假日也按开放时间预约和取号。"),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("预约时段长度（分钟）"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    per_window_per_slot = models.PositiveSmallIntegerField(
        _("每个窗口每时段可预约人数"), default=1, validators=[MinValueValidator(1)]
    )
    booking_days_ahead = models.PositiveSmallIntegerField(_("可提前预约天数"), default=14)
    change_hours_before = models.PositiveSmallIntegerField(
        _("取消或改约截止（时段开始前小时数）"), default=2
    )
    noshow_limit = models.PositiveSmallIntegerField(_("爽约次数上限"), default=3)
    noshow_window_days = models.PositiveSmallIntegerField(_("爽约统计周期（天）"), default=90)
    noshow_suspend_days = models.PositiveSmallIntegerField(_("暂停预约天数"), default=30)

    class Meta:
        verbose_name = _("办事大厅")
        verbose_name_plural = _("办事大厅")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """Opening hours for a weekday; the day must also be a working day in the holiday calendar."""

    class Weekday(models.IntegerChoices):
        MON = 0, _("星期一")
        TUE = 1, _("星期二")
        WED = 2, _("星期三")
        THU = 3, _("星期四")
        FRI = 4, _("星期五")
        SAT = 5, _("星期六")
        SUN = 6, _("星期日")

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    opens = models.TimeField(_("开始时间"))
    closes = models.TimeField(_("结束时间"))

    class Meta:
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        ordering = ["hall", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hall_hours_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class WindowGroup(models.Model):
    """窗口组: the services it serves and its ticket letter (A001). A 综合窗口 group accepts any
    service (无差别综合受理)."""

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(
        _("号码字母"),
        max_length=1,
        validators=[RegexValidator(r"^[A-Z]$", _("请填写一个大写字母。"))],
    )
    general = models.BooleanField(_("综合窗口（受理所有事项）"), default=False)
    services = models.ManyToManyField(
        "services_catalog.ServiceItem", verbose_name=_("办理事项"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("窗口组")
        verbose_name_plural = _("窗口组")
        ordering = ["hall", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "prefix"], name="hall_group_prefix_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"


class Window(models.Model):
    """窗口, numbered within its hall. The tablet token opens its rating tablet (评价器)."""

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="windows")
    group = models.ForeignKey(
        WindowGroup, on_delete=models.PROTECT, related_name="windows", verbose_name=_("窗口组")
    )
    number = models.PositiveSmallIntegerField(_("窗口号"))
    active = models.BooleanField(_("启用"), default=True)
    tablet_token = models.CharField(
        _("评价器令牌"), max_length=40, unique=True, default=_tablet_token, editable=False
    )

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "number"], name="hall_window_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} 号窗口"


class WindowAssignment(models.Model):
    """排班: who staffs a window on a day. Staffed windows give a slot its capacity."""

    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="assignments")
    day = models.DateField(_("日期"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hall_assignments",
        verbose_name=_("工作人员"),
    )

    class Meta:
        verbose_name = _("窗口排班")
        verbose_name_plural = _("窗口排班")
        ordering = ["-day", "window"]
        constraints = [
            models.UniqueConstraint(fields=["window", "day"], name="hall_one_staff_per_window_day"),
            models.UniqueConstraint(fields=["staff", "day"], name="hall_one_window_per_staff_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.window} {self.staff}"
