"""办件: the case itself and what is recorded about its course.

State lives in Application.status and changes only through applications.services.transitions
(the state table is applications.constants.TRANSITIONS). Every change writes an
ApplicationEvent (who, when, from, to, why, which office).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedCharField
from accounts.identity import mask_id_number
from accounts.models import Department, Organisation
from applications.constants import (
    EVENT_LABELS,
    VENDOR_CODES,
    Channel,
    MaterialCheck,
    MaterialMode,
    ReviewStepStatus,
    Status,
    SuspensionReason,
)
from services_catalog import content_language

_STATUS_LABELS: dict[str, dict[str, str]] = {}


def status_labels() -> dict[str, str]:
    """Status labels in the active language, resolved once (get_FOO_display is slow on long lists)."""
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
    # A due counted through a year whose holiday schedule is not confirmed (待确认): the dates
    # are Monday–Friday placeholders until the year is confirmed and they are recomputed.
    due_provisional = models.BooleanField(_("期限待确认"), default=False)
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
            # The window queue narrowed to a state and a service, oldest first (issue 12's
            # /counter/ over 1,000,000 cases): an index range per service, already in order.
            models.Index(
                fields=["status", "service", "submitted_at", "id"], name="app_status_service_idx"
            ),
            # The window's search by applicant name (~100 cases a name at 1,000,000).
            models.Index(fields=["applicant_name"], name="app_applicant_name_idx"),
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

    @property
    def service_display_name(self) -> str:
        """The service's name in the page's language: in English mode the catalogue's English
        name when a publisher wrote one, else the name recorded at submission (Chinese).

        Lists load the service with ``select_related("service")`` (``service__name_en``)."""
        english = self._service_english_name()
        return english or self.service_name

    @property
    def service_shown_in_chinese(self) -> bool:
        """English mode and no English name: the page marks the name ``lang="zh-CN"``."""
        return content_language.english_active() and not self._service_english_name()

    def _service_english_name(self) -> str:
        if not content_language.english_active() or self.service_id is None:
            return ""
        return self.service.name_en or ""


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
