"""Records of the business channel: profiles, 免申即享 scans and notices, policy questions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from policies.constants import (
    FetchStatus,
    NoticeStatus,
    QuestionStatus,
    ScanStatus,
)

PROFILE_FIELDS = [
    "industry_code",
    "enterprise_size",
    "registration_district",
    "established_date",
    "headcount",
    "tax_credit_rating",
    "licences",
]


class BusinessProfile(models.Model):
    """企业画像: a snapshot per organisation of certified data (市场监管) plus declared data.

    The effective columns hold the value the matcher uses; ``sources`` says for each field
    whether it came from certified data or from the business's own declaration.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="business_profile"
    )
    industry_code = models.CharField(_("所属行业代码"), max_length=5, blank=True)
    enterprise_size = models.CharField(_("企业规模"), max_length=1, blank=True)
    registration_district = models.CharField(_("注册地行政区划"), max_length=12, blank=True)
    established_date = models.DateField(_("成立日期"), null=True, blank=True)
    headcount = models.PositiveIntegerField(_("从业人数"), null=True, blank=True)
    tax_credit_rating = models.CharField(_("纳税信用等级"), max_length=1, blank=True)
    licences = models.JSONField(_("持有许可证"), null=True, blank=True)
    sources = models.JSONField(default=dict, blank=True)
    certified_values = models.JSONField(default=dict, blank=True)
    certified_department = models.CharField(max_length=100, blank=True)
    certified_at = models.DateTimeField(null=True, blank=True)
    declared_values = models.JSONField(default=dict, blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    fetch_status = models.CharField(
        max_length=12, choices=FetchStatus.choices, default=FetchStatus.NEVER
    )
    fetch_message = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("企业画像")
        verbose_name_plural = _("企业画像")

    def __str__(self) -> str:
        return str(self.organisation)

    def effective_values(self) -> dict:
        return {name: getattr(self, name) for name in PROFILE_FIELDS}


class BenefitScanRun(models.Model):
    """One 免申即享 scan over all business profiles, with its progress."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ScanStatus.choices, default=ScanStatus.RUNNING)
    total = models.PositiveIntegerField(_("企业总数"), default=0)
    processed = models.PositiveIntegerField(_("已处理"), default=0)
    policies_scanned = models.PositiveIntegerField(_("政策数"), default=0)
    notices_created = models.PositiveIntegerField(_("新发通知"), default=0)
    last_organisation_id = models.BigIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("免申即享筛查")
        verbose_name_plural = _("免申即享筛查")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.processed}/{self.total}"

    @property
    def percent(self) -> int:
        return int(self.processed * 100 / self.total) if self.total else 100


class BenefitNotice(models.Model):
    """免申即享通知: the business qualifies; it only confirms its intent (意愿确认)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="benefit_notices"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="benefit_notices"
    )
    scan_run = models.ForeignKey(
        BenefitScanRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    status = models.CharField(
        max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application_id = models.CharField(max_length=64, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("免申即享通知")
        verbose_name_plural = _("免申即享通知")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "organisation"], name="policies_notice_once_per_policy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy} → {self.organisation}"

    @property
    def source_reference(self) -> str:
        return f"policy-notice:{self.pk}"


class PolicyQuestion(models.Model):
    """咨询: a business's question about a policy, answered by the issuing department."""

    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="questions"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="policy_questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policy_questions"
    )
    question = models.TextField(_("问题"), max_length=1000)
    asked_at = models.DateTimeField(_("提问时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    answer = models.TextField(_("答复"), blank=True, max_length=3000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_answers",
        verbose_name=_("答复人"),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    published_as_faq = models.BooleanField(
        _("公开为常见问题"),
        default=False,
        help_text=_("勾选后问题和答复显示在政策页面（不显示企业名称）"),
    )
    faq_question = models.CharField(
        _("公开时的问题表述"),
        max_length=300,
        blank=True,
        help_text=_("可改写为不含企业信息的通用表述；留空则使用原问题"),
    )
    overdue_flagged_at = models.DateTimeField(_("超期提醒时间"), null=True, blank=True)
    appeal_number = models.CharField(
        _("诉求编号"),
        max_length=20,
        blank=True,
        db_index=True,  # the appeal's steps find their question by it
        help_text=_("问题同时作为“咨询”类诉求进入12345诉求办理流程，企业凭此编号跟踪"),
    )

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("政策咨询")
        verbose_name_plural = _("政策咨询")
        indexes = [models.Index(fields=["status", "asked_at"])]

    def __str__(self) -> str:
        return self.question[:40]

    @property
    def public_question(self) -> str:
        return self.faq_question or self.question


class PolicyExpiryReminder(models.Model):
    """One reminder to the publisher that a policy's validity ends soon (30 days before).

    Unique per (policy, expiry date): the beat task runs daily and reminds once; extending the
    validity gives the new date its own reminder.
    """

    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="expiry_reminders"
    )
    effective_to = models.DateField(_("有效期至"))
    recipients = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政策到期提醒")
        verbose_name_plural = _("政策到期提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "effective_to"], name="policies_expiry_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy} {self.effective_to}"
