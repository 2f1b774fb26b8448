"""The official holiday calendar, year by year (国务院办公厅关于XXXX年部分节假日安排的通知)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from workdays.constants import MAX_YEAR, MIN_YEAR, DayKind


class CalendarYear(ClusterableModel):
    """One year's schedule. Until it is confirmed, no working day of the year is computed."""

    year = models.PositiveSmallIntegerField(
        _("年度"),
        unique=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    confirmed = models.BooleanField(
        _("已确认"),
        default=False,
        help_text=_("按国务院办公厅通知核对无误后勾选；确认后将重算落在该年度的办理时限。"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    source = models.CharField(
        _("来源"), max_length=200, blank=True, help_text=_("例如：国办发明电〔2026〕X号")
    )
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self) -> str:
        return f"{self.year} 年"

    @admin.display(description=_("已确认"))
    def confirmed_label(self) -> str:
        return str(_("是") if self.confirmed else _("否"))


class CalendarDay(models.Model):
    """One entry: a 法定节假日 (a day off, on any weekday) or a 调休上班 weekend working day."""

    calendar = ParentalKey(
        CalendarYear, verbose_name=_("年度"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=60, blank=True, help_text=_("例如：春节"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历条目")
        verbose_name_plural = _("日历条目")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self) -> None:
        errors = entry_errors(
            day=self.date, kind=self.kind, year=self.calendar.year if self.calendar_id else None
        )
        if errors:
            raise ValidationError({"date": errors})

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("date",):
            return ValidationError(
                _("%(date)s 已在日历中，同一日期只能有一条记录。")
                % {"date": f"{self.date:%Y-%m-%d}"},
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)


def entry_errors(*, day, kind: str, year: int | None) -> list[str]:
    """What is wrong with one calendar entry (empty when it is well formed), naming its date."""
    if day is None:
        return []
    label = f"{day:%Y-%m-%d}"
    errors = []
    if year is not None and day.year != year:
        errors.append(_("%(date)s 不属于 %(year)s 年。") % {"date": label, "year": year})
    if kind == DayKind.WORKDAY and day.weekday() < 5:
        errors.append(
            _("%(date)s 是工作日（周一至周五），调休上班日只能是周六或周日。") % {"date": label}
        )
    return [str(e) for e in errors]
