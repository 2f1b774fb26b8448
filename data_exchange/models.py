"""Data exchange records: key registry, access rules, pulled evidence, outbox, log, wallet."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedCharField
from data_exchange.constants import (
    INTERNAL_USES,
    AgreementStatus,
    Decision,
    EvidenceStatus,
    LogEvent,
)


class SigningKey(models.Model):
    """A department's public signing key (密钥登记). Responses are verified only against these."""

    key_id = models.CharField(_("密钥标识"), max_length=100, unique=True)
    issuer = models.CharField(_("签发部门代码"), max_length=40, db_index=True)
    algorithm = models.CharField(_("签名算法"), max_length=30, default="Ed25519")
    public_key = models.TextField(_("公钥（Base64）"))
    valid_from = models.DateTimeField(_("生效时间"))
    valid_until = models.DateTimeField(_("失效时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issuer", "-valid_from"]
        verbose_name = _("部门签名密钥")
        verbose_name_plural = _("部门签名密钥")

    def __str__(self) -> str:
        return self.key_id


class SharingAgreement(models.Model):
    """共享协议 (政务数据共享申请): a service's department asks the department holding the data
    to let one service read one evidence type, these fields, for this purpose.

    Only an approved agreement grants access: approval writes the service's AccessRule (linked
    back here), withdrawal switches it off. The service is known by its 实施编码 and name, as
    everywhere in this app (data_exchange does not import the catalogue).
    """

    service_code = models.CharField(_("事项实施编码"), max_length=60)
    service_name = models.CharField(_("事项名称"), max_length=200, blank=True)
    evidence_type = models.CharField(_("数据类型代码"), max_length=60)
    requesting_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("申请部门"),
        on_delete=models.PROTECT,
        null=True,
        related_name="sharing_requests",
    )
    holding_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("数据提供部门"),
        on_delete=models.PROTECT,
        null=True,
        related_name="sharing_provided",
    )
    fields_requested = models.JSONField(_("申请字段"), default=list)
    fields = models.JSONField(_("批准字段"), default=list)
    purpose = models.CharField(_("用途"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_reason = models.CharField(_("审核意见"), max_length=300, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤回原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("数据共享协议")
        verbose_name_plural = _("数据共享协议")
        permissions = [("steward_agreements", _("数据共享管理员：申请和审核数据共享协议"))]
        constraints = [
            # One open agreement (pending or approved) per service and evidence type.
            models.UniqueConstraint(
                fields=["service_code", "evidence_type"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="data_exchange_agreement_open_unique",
            )
        ]
        indexes = [models.Index(fields=["service_code", "status"])]

    def __str__(self) -> str:
        return f"{self.service_code} → {self.evidence_type} ({self.get_status_display()})"


class AccessRuleQuerySet(models.QuerySet):
    def in_force(self) -> AccessRuleQuerySet:
        """Active rules that count: an internal use's, or a service's whose sharing agreement
        is approved (the agreement is the one source of a service's access)."""
        return self.filter(
            models.Q(active=True)
            & (
                models.Q(service_code__in=INTERNAL_USES)
                | models.Q(agreement__status=AgreementStatus.APPROVED)
            )
        )


class AccessRule(models.Model):
    """Deny by default: a service may request an evidence type, and only these fields.

    For a catalogue service the rule is written by its approved SharingAgreement
    (`agreement`); only the internal uses (constants.INTERNAL_USES) have rules of their own.
    """

    service_code = models.CharField(_("事项实施编码"), max_length=60)
    evidence_type = models.CharField(_("数据类型代码"), max_length=60)
    fields = models.JSONField(_("可获取字段"), default=list)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("依据说明"), max_length=200, blank=True)
    agreement = models.OneToOneField(
        SharingAgreement,
        verbose_name=_("共享协议"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_rule",
    )

    objects = AccessRuleQuerySet.as_manager()

    class Meta:
        ordering = ["service_code", "evidence_type"]
        verbose_name = _("数据共享授权规则")
        verbose_name_plural = _("数据共享授权规则")
        constraints = [
            models.UniqueConstraint(
                fields=["service_code", "evidence_type"], name="data_exchange_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_code} → {self.evidence_type}"


class EvidenceItem(models.Model):
    """One piece of evidence requested for an opaque reference (e.g. an application)."""

    reference = models.CharField(max_length=200)
    evidence_type = models.CharField(max_length=60)
    department_code = models.CharField(max_length=40)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence_items"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    holder_id = EncryptedCharField(default="")
    holder_digest = models.CharField(max_length=64, db_index=True)
    service_code = models.CharField(max_length=60)
    purpose = models.CharField(max_length=200)
    fields = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.PENDING
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    values_encrypted = EncryptedCharField(blank=True, default="")
    verified_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    key_id = models.CharField(max_length=100, blank=True)
    response_id = models.CharField(max_length=64, blank=True)
    failure_code = models.CharField(max_length=40, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "evidence_type"], name="data_exchange_item_unique"
            )
        ]
        indexes = [models.Index(fields=["reference"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.reference} · {self.evidence_type}"

    @property
    def values(self) -> dict:
        return json.loads(self.values_encrypted) if self.values_encrypted else {}

    @values.setter
    def values(self, value: dict) -> None:
        self.values_encrypted = json.dumps(value, ensure_ascii=False) if value else ""


class OutboxMessage(models.Model):
    """Transactional outbox: written with the request, dispatched to Celery after commit."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="outbox")
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    dispatch_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["completed_at", "dispatched_at"])]

    def __str__(self) -> str:
        return f"outbox {self.pk} (item {self.item_id})"


class SeenResponse(models.Model):
    """Response ids already accepted: a second arrival is a replay."""

    response_id = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(max_length=100)
    seen_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.response_id


class ExchangeLogEntry(models.Model):
    """Append-only, hash-chained exchange log (no foreign keys: rows are never changed)."""

    created_at = models.DateTimeField()
    event = models.CharField(max_length=20, choices=LogEvent.choices)
    outcome = models.CharField(max_length=40)
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=100, blank=True)
    actor_department = models.CharField(max_length=100, blank=True)
    subject_user_id = models.BigIntegerField(null=True, db_index=True)
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    holder_digest = models.CharField(max_length=64, blank=True)
    holder_masked = models.CharField(max_length=40, blank=True)
    reference = models.CharField(max_length=200, blank=True)
    service_code = models.CharField(max_length=60, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    department_code = models.CharField(max_length=40, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    fields = models.JSONField(default=list)
    request_id = models.CharField(max_length=64, blank=True)
    response_id = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("数据交换日志")
        verbose_name_plural = _("数据交换日志")

    def __str__(self) -> str:
        return f"#{self.pk} {self.event} {self.outcome}"


class Licence(models.Model):
    """电子证照 in a holder's wallet, with GB/T 36903 metadata and the signed document."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="licences",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="licences",
    )
    evidence_type = models.CharField(max_length=60)
    name = models.CharField(_("证照名称"), max_length=100)
    type_code = models.CharField(_("证照类型代码"), max_length=21)
    number = models.CharField(_("证照编号"), max_length=100)
    identifier = models.CharField(_("证照标识"), max_length=200)
    issuer_name = models.CharField(_("颁发机构"), max_length=100)
    issuer_code = models.CharField(_("颁发机构代码"), max_length=18)
    issue_date = models.DateField(_("颁发日期"))
    valid_from = models.DateField(_("有效期起始"))
    valid_until = models.DateField(_("有效期截止"), null=True, blank=True)
    holder_name = models.CharField(_("持证主体"), max_length=200)
    holder_code = EncryptedCharField(_("持证主体代码"), default="")
    holder_code_type = models.CharField(_("持证主体代码类型"), max_length=3)
    holder_digest = models.CharField(max_length=64, db_index=True)
    signed_document = EncryptedCharField(default="")
    key_id = models.CharField(max_length=100)
    fetched_at = models.DateTimeField()
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_check_ok = models.BooleanField(null=True)
    last_check_detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("电子证照")
        verbose_name_plural = _("电子证照")
        constraints = [
            models.UniqueConstraint(
                fields=["holder_digest", "identifier"], name="data_exchange_licence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    @property
    def holder_code_type_label(self) -> str:
        return {"111": "公民身份号码", "001": "统一社会信用代码"}.get(self.holder_code_type, "")
