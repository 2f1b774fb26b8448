"""The work record (工作记实): one append-only, hash-chained row per staff action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkRecord(models.Model):
    """One staff (or system) action: who, as which role, in which department, did what to
    which object, from which state to which, why, and how long after the object's previous
    record. Written only through `worklog.services.record_action`; never updated or deleted
    (a PostgreSQL trigger refuses both; the hash chain exposes any change elsewhere).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a person with a record is deactivated, never deleted
        related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=100, blank=True)
    role = models.CharField(_("角色"), max_length=100, blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"))
    action = models.CharField(_("操作代码"), max_length=80)
    label = models.CharField(_("操作"), max_length=100, blank=True)
    target_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_label = models.CharField(_("对象"), max_length=200, blank=True)
    from_state = models.CharField(_("原状态"), max_length=40, blank=True)
    to_state = models.CharField(_("新状态"), max_length=40, blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    elapsed_seconds = models.BigIntegerField(_("距上一步（秒）"), null=True, blank=True)
    extra = models.JSONField(_("附加信息"), default=dict, blank=True)
    # Which of the chains (worklog.services.STREAMS) the row belongs to; not hashed.
    stream = models.PositiveSmallIntegerField(default=0)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)  # not unique: see migration 0004

    class Meta:
        ordering = ["id"]
        verbose_name = _("工作记实")
        verbose_name_plural = _("工作记实")
        indexes = [
            models.Index(fields=["stream", "id"], name="worklog_stream_tip"),
            models.Index(fields=["actor", "at"], name="worklog_actor_at"),
            models.Index(fields=["department", "at"], name="worklog_department_at"),
            models.Index(fields=["target_type", "target_id", "id"], name="worklog_target"),
            models.Index(fields=["at"], name="worklog_at"),
            models.Index(fields=["action", "at"], name="worklog_action_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor_name or '系统'} {self.label or self.action}"


class WorkLogArchive(models.Model):
    """A closed, compressed JSONL segment of old records, with the chain hashes at both ends.

    `start_hashes` are each stream's hash before the segment and `head_hashes` each stream's
    hash after it (keys are stream numbers as text): the chain after the segment verifies from
    the heads, and the file re-verifies against both (`worklog_verify --archives`).
    """

    first_id = models.BigIntegerField(_("起始记录"))
    last_id = models.BigIntegerField(_("结束记录"), unique=True)
    count = models.PositiveIntegerField(_("记录数"))
    start_hashes = models.JSONField(_("起始前哈希"), default=dict)
    head_hashes = models.JSONField(_("链头哈希"), default=dict)
    oldest_at = models.DateTimeField(_("最早时间"))
    newest_at = models.DateTimeField(_("最晚时间"))
    path = models.CharField(_("文件"), max_length=300)
    file_sha256 = models.CharField(_("文件摘要"), max_length=64)
    created_at = models.DateTimeField(_("归档时间"), auto_now_add=True)

    class Meta:
        ordering = ["first_id"]
        verbose_name = _("工作记实归档")
        verbose_name_plural = _("工作记实归档")

    def __str__(self) -> str:
        return f"#{self.first_id}–#{self.last_id}"
