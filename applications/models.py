"""办件: applications and everything recorded about them.

State lives in Application.status and changes only through applications.services
(the transition table is in applications.constants.TRANSITIONS). Every change writes an
ApplicationEvent (who, when, from, to, why, which office).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedCharField
from accounts.identity import mask_id_number
from accounts.models import Department, Organisation
from applications.constants import (
    EVENT_LABELS,
    TICKET_PENDING_STATES,
    VENDOR_CODES,
    CallbackMethod,
    Channel,
    DocumentType,
    EvaluationChannel,
    MaterialCheck,
    MaterialMode,
    RectificationKind,
    ReviewStepStatus,
    Satisfaction,
    Status,
    SuspensionReason,
    TicketStatus,
)

_STATUS_LABELS: dict[str, dict[str, str]] = {}


def status_labels() -> dict[str, str]:
    """Status labels in the active language, resolved once (get_FOO_display is slow on long lists)."""
    from django.utils.translation import get_language

    language = get_language() or ""
    labels = _STATUS_LABELS.get(language)
    if labels is None:
        labels = _STATUS_LABELS[language] = {value: str(label) for value, label in Status.choices}
    return labels


class DueFlag(models.TextChoices):
    NONE = "", _("正常")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期")


class Application(models.Model):
    """办件: one application for one service by one applicant (person or organisation)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("办件编号"), max_length=50, unique=True, null=True, blank=True)
    service = models.ForeignKey(
        "services_catalog.ServiceItem",
        verbose_name=_("事项"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    service_code = models.CharField(_("实施编码"), max_length=36)
    service_name = models.CharField(_("事项名称"), max_length=200)
    # These three foreign keys get no single-column index: the composite indexes in Meta lead
    # with them (app_dept_queue_idx, app_applicant_idx, app_org_idx), and every index is
    # written on each submission (the state change is not a HOT update).
    department = models.ForeignKey(
        Department,
        verbose_name=_("实施部门"),
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账户"),
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("申请单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    agent_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代办工作人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(
        _("申请渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    draft_step = models.PositiveSmallIntegerField(default=1)
    # Applicant as stated on the form (snapshot; the ID number is encrypted at rest).
    applicant_name = models.CharField(_("申请人姓名"), max_length=100, blank=True)
    applicant_id_number = EncryptedCharField(_("申请人证件号码"), blank=True, default="")
    applicant_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("电子邮箱"), blank=True)
    applicant_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    identity_verified = models.BooleanField(_("身份已核验"), default=False)
    form_data = models.JSONField(_("申请表"), default=dict, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    source_reference = models.CharField(max_length=100, blank=True, default="")
    # Reforms
    commitment_text = models.TextField(_("承诺书"), blank=True)
    commitment_signed_at = models.DateTimeField(_("承诺签署时间"), null=True, blank=True)
    tolerance_deadline = models.DateField(_("容缺补正期限"), null=True, blank=True)
    # Dates and the clock (working days)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    intake_due = models.DateField(_("受理期限"), null=True, blank=True)
    promised_due = models.DateField(_("承诺办结期限"), null=True, blank=True)
    legal_due = models.DateField(_("法定办结期限"), null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    due_flag = models.CharField(max_length=10, choices=DueFlag.choices, default="", blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    region_code = models.CharField(_("行政区划"), max_length=12, blank=True, default="310000")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"], name="application_idempotency"
            ),
            models.UniqueConstraint(
                fields=["applicant", "source_reference"],
                condition=~models.Q(source_reference=""),
                name="application_benefit_once",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="app_queue_idx"),
            models.Index(
                fields=["department", "status", "submitted_at"], name="app_dept_queue_idx"
            ),
            models.Index(fields=["applicant", "-created_at"], name="app_applicant_idx"),
            models.Index(fields=["organisation", "-created_at"], name="app_org_idx"),
            models.Index(fields=["due_flag", "status"], name="app_due_idx"),
            # The window queue (oldest first) without sorting the intake states of 1M rows.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status__in=["submitted", "pre_review"]),
                name="app_intake_queue_idx",
            ),
            models.Index(
                fields=["department", "submitted_at", "id"],
                condition=models.Q(status__in=["submitted", "pre_review"]),
                name="app_dept_intake_queue_idx",
            ),
            # 好差评 statistics count the cases completed in a period.
            models.Index(
                fields=["completed_at"],
                condition=models.Q(completed_at__isnull=False),
                name="app_completed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or _('草稿')} {self.service_name}"

    def get_absolute_url(self) -> str:
        return f"/me/applications/{self.pk}/"

    @property
    def status_label(self) -> str:
        return status_labels().get(self.status, self.status)

    @property
    def vendor_code(self) -> str:
        return VENDOR_CODES.get(self.status, "")

    @property
    def is_suspended(self) -> bool:
        return self.status == Status.SUSPENDED

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.applicant_id_number)

    @property
    def reference(self) -> str:
        """The opaque reference data_exchange knows this application by."""
        return f"application:{self.uuid}"


class ApplicationEvent(models.Model):
    """One recorded transition: who, when, from, to, why, and the office."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=10)
    office = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label if self.to_status in Status.values else self.to_status

    @property
    def label(self) -> str:
        """What the timeline shows: the new state, or the name of a recorded non-state event."""
        return EVENT_LABELS.get(self.action) or self.to_label


class ApplicationMaterial(models.Model):
    """申请材料 as supplied for one application (upload, 免提交 evidence, commitment or tolerated gap)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="materials")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    necessity = models.CharField(max_length=10)
    evidence_type = models.CharField(max_length=60, blank=True)
    commitment_allowed = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)
    mode = models.CharField(max_length=12, choices=MaterialMode.choices, default=MaterialMode.NONE)
    file_path = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    check_status = models.CharField(
        max_length=10, choices=MaterialCheck.choices, default=MaterialCheck.PENDING
    )
    check_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "code"], name="app_material_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_exempt(self) -> bool:
        return bool(self.evidence_type)


class SupplementRequest(models.Model):
    """补正告知: one notice that lists every missing or wrong material (一次性告知)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="supplements"
    )
    items = models.JSONField(default=list)  # [{"code", "name", "problem"}]
    note = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"补正 {self.application_id}"


class Suspension(models.Model):
    """特别程序: start, reason, end and result; the clock is paused while it is open."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="suspensions"
    )
    reason_code = models.CharField(max_length=20, choices=SuspensionReason.choices)
    note = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.get_reason_code_display()


class ReviewStep(models.Model):
    """The review of one department; 联办 services have several (sequential or parallel)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_steps"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="review_steps"
    )
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=ReviewStepStatus.choices, default=ReviewStepStatus.WAITING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    opinion = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "department"], name="review_step_once")
        ]
        indexes = [models.Index(fields=["department", "status"], name="review_step_queue_idx")]

    def __str__(self) -> str:
        return f"{self.department_id}:{self.status}"


class Document(models.Model):
    """A PDF issued for an application. Exactly one per (application, type)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(max_length=20, choices=DocumentType.choices)
    file_path = models.CharField(max_length=300)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    verification_code = models.CharField(max_length=20, unique=True)
    revoked = models.BooleanField(default=False)
    revoked_reason = models.CharField(max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "doc_type"], name="document_once")
        ]

    def __str__(self) -> str:
        return self.get_doc_type_display()


class NotificationLog(models.Model):
    """A notification sent (or attempted) through a backend: one per (application, event, channel)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=40)
    channel = models.CharField(max_length=20)
    recipient = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "event", "channel"], name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}/{self.channel}"


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
