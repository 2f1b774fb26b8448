"""好差评: ratings of completed cases, and the 差评 tickets with their steps and call-backs.

Ticket states change only through applications.services.tickets (TICKET_TRANSITIONS).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from applications.constants import (
    TICKET_PENDING_STATES,
    CallbackMethod,
    EvaluationChannel,
    RectificationKind,
    Satisfaction,
    TicketStatus,
)
from applications.models.cases import Application


class Evaluation(models.Model):
    """好差评 record with the GB/T 39046 evaluation fields."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="evaluation"
    )
    number = models.CharField(_("办件编号"), max_length=50)
    channel = models.CharField(_("评价渠道"), max_length=10, choices=EvaluationChannel.choices)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluator_name = models.CharField(_("评价人"), max_length=100)
    created_at = models.DateTimeField(_("评价时间"), auto_now_add=True)
    times = models.PositiveSmallIntegerField(_("评价次数"), default=1)
    level = models.PositiveSmallIntegerField(_("满意度"), choices=Satisfaction.choices)
    text = models.TextField(_("文字评价"), blank=True)
    sub_scores = models.JSONField(_("分项评价"), default=dict, blank=True)
    region_code = models.CharField(_("行政区划"), max_length=12)
    service = models.ForeignKey(
        "services_catalog.ServiceItem", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="evaluations")
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="evaluations_received", blank=True
    )
    # 申诉成立: a wrong or malicious rating, kept on record but left out of every statistic.
    excluded = models.BooleanField(_("申诉成立，不计入统计"), default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.level}"

    @property
    def level_code(self) -> str:
        return str(self.level)

    @property
    def is_negative(self) -> bool:
        return self.level >= Satisfaction.DISSATISFIED


class NegativeTicket(models.Model):
    """差评台账: a 差评 to call back and rectify by a deadline, owned by the department that
    handled the case; 效能监督 reviews the rectification or the department's 申诉.

    State changes only through applications.services.ticket_transition (TICKET_TRANSITIONS);
    each one writes a TicketEvent.
    """

    evaluation = models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name="ticket")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="negative_tickets"
    )
    due_date = models.DateField(_("整改期限"))
    status = models.CharField(
        max_length=10, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    rectification_kind = models.CharField(
        _("整改方式"), max_length=10, choices=RectificationKind.choices, blank=True
    )
    measures = models.TextField(_("整改措施"), blank=True)
    called_back_at = models.DateTimeField(_("首次回访时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    handling_note = models.TextField(blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date"]
        indexes = [models.Index(fields=["department", "status"], name="ticket_dept_status_idx")]

    def __str__(self) -> str:
        return f"差评台账 {self.evaluation_id}"

    def is_overdue(self, today) -> bool:
        return self.status in TICKET_PENDING_STATES and self.due_date < today


class TicketEvent(models.Model):
    """One step on a 差评 ticket: who, when, from, to and why."""

    ticket = models.ForeignKey(NegativeTicket, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    office = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"

    @property
    def to_label(self) -> str:
        return (
            TicketStatus(self.to_status).label
            if self.to_status in TicketStatus.values
            else self.to_status
        )


class TicketCallback(models.Model):
    """回访: the handling department calls the (named) rater back."""

    ticket = models.ForeignKey(NegativeTicket, on_delete=models.CASCADE, related_name="callbacks")
    called_at = models.DateTimeField(_("回访时间"))
    method = models.CharField(_("回访方式"), max_length=10, choices=CallbackMethod.choices)
    result = models.TextField(_("回访情况"))
    satisfied = models.BooleanField(_("回访后是否满意"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["called_at", "pk"]

    def __str__(self) -> str:
        return f"回访 {self.ticket_id} {self.get_method_display()}"
