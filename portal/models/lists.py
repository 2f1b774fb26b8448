"""The four lists (四张清单): power, responsibility, market-access negative and public-service lists.

Each list entry is a Wagtail snippet with drafts, revisions, locking and the moderation
workflow ("清单审核"): publishers draft and submit, a second person approves, and only the
live (approved) version is public. Child rows (legal bases, responsibility items, measures)
hang off their parent through ParentalKey, so they are versioned in the same revision.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from accounts.models import Department
from services_catalog.constants import (
    ADMINISTRATIVE_POWER_TYPES,
    Audience,
    ExerciseLevel,
    ImplementerNature,
)

POWER_TYPE_CHOICES = [(c.value, c.label) for c in ADMINISTRATIVE_POWER_TYPES]


class ResponsibilityStage(models.TextChoices):
    """Stages of the 责任清单 (docs/domain.md, "The four lists"; stages of the other types follow practice)."""

    ACCEPT = "受理", _("受理")
    REVIEW = "审查", _("审查")
    DECIDE = "决定", _("决定")
    DELIVER = "送达", _("送达")
    SUPERVISE = "事后监管", _("事后监管")
    FILE = "立案", _("立案")
    INVESTIGATE = "调查取证", _("调查取证")
    HEAR = "审理", _("审理")
    NOTIFY = "告知", _("告知")
    ENFORCE = "执行", _("执行")
    PLAN = "检查计划", _("检查计划")
    INSPECT = "实施检查", _("实施检查")
    HANDLE = "处理", _("处理")
    ASSESS = "核定", _("核定")
    COLLECT = "征收", _("征收")
    PAY = "发放", _("发放")
    PUBLICISE = "公示", _("公示")
    OTHER = "其他", _("其他")


class NegativeCategory(models.TextChoices):
    PROHIBITED = "prohibited", _("禁止准入类")
    PERMIT = "permit", _("许可准入类")


class ListEntryBase(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """Shared behaviour of the moderated list snippets."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PowerEntry(ListEntryBase):
    """权力清单 entry: one administrative power exercised by one department."""

    code = models.CharField(_("实施编码"), max_length=36, unique=True)
    basic_code = models.CharField(_("基本编码"), max_length=10, db_index=True)
    name = models.CharField(_("事项名称"), max_length=200)
    power_type = models.CharField(_("事项类型"), max_length=2, choices=POWER_TYPE_CHOICES)
    department = models.ForeignKey(
        Department,
        verbose_name=_("实施主体"),
        on_delete=models.PROTECT,
        related_name="power_entries",
    )
    implementer_nature = models.CharField(
        _("实施主体性质"),
        max_length=1,
        choices=ImplementerNature.choices,
        default=ImplementerNature.STATUTORY,
    )
    exercise_level = models.CharField(
        _("行使层级"), max_length=1, choices=ExerciseLevel.choices, default=ExerciseLevel.MUNICIPAL
    )
    handling_office = models.CharField(_("承办机构"), max_length=100, blank=True)
    legal_limit_days = models.PositiveSmallIntegerField(
        _("法定办结时限（工作日）"), null=True, blank=True
    )
    promised_limit_days = models.PositiveSmallIntegerField(
        _("承诺办结时限（工作日）"), null=True, blank=True
    )
    charges_fee = models.BooleanField(_("是否收费"), default=False)
    fee_basis = models.TextField(_("收费依据及标准"), blank=True)
    supervise_phone = models.CharField(_("监督电话"), max_length=40, blank=True)
    process_summary = models.TextField(_("办事流程"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("权力清单事项")
        verbose_name_plural = _("权力清单")
        indexes = [
            models.Index(fields=["live", "power_type"]),
            models.Index(fields=["live", "department"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/lists/power/{self.code}/"


class PowerLegalBasis(Orderable):
    """设定依据: one law and article (several per power)."""

    power = ParentalKey(PowerEntry, on_delete=models.CASCADE, related_name="legal_bases")
    law = models.CharField(_("法律法规名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=100, blank=True)
    content = models.TextField(_("条款内容"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("设定依据")
        verbose_name_plural = _("设定依据")

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"


class ResponsibilityItem(Orderable):
    """责任清单 item: the duty at one stage of exercising a power, and who answers for failures."""

    power = ParentalKey(PowerEntry, on_delete=models.CASCADE, related_name="responsibilities")
    stage = models.CharField(_("环节"), max_length=20, choices=ResponsibilityStage.choices)
    duty = models.TextField(_("责任事项"))
    accountability = models.TextField(_("追责情形"))
    accountability_basis = models.TextField(_("问责依据"))

    class Meta(Orderable.Meta):
        verbose_name = _("责任事项")
        verbose_name_plural = _("责任清单")

    def __str__(self) -> str:
        return f"{self.power.name} · {self.stage}" if self.power_id else self.stage


class NegativeListItem(ListEntryBase):
    """负面清单 item (市场准入负面清单): a prohibited (1000xx) or permit-required activity."""

    category = models.CharField(_("类别"), max_length=12, choices=NegativeCategory.choices)
    item_no = models.PositiveSmallIntegerField(_("项目号"))
    code = models.CharField(_("事项编码"), max_length=10, unique=True)
    name = models.CharField(_("禁止或许可事项"), max_length=300)
    competent_authority = models.CharField(_("主管部门"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("本市负责部门"),
        on_delete=models.PROTECT,
        related_name="negative_items",
        null=True,
        blank=True,
    )
    local_permit = models.TextField(_("地方性许可事项"), blank=True)
    keywords = models.CharField(
        _("检索关键词"),
        max_length=500,
        blank=True,
        help_text=_("用空格或逗号分隔的常用说法，例如：网吧 开网吧 上网服务"),
    )
    service_codes = models.CharField(
        _("办理许可的事项编码"),
        max_length=500,
        blank=True,
        help_text=_("办事指南的实施编码，多个用逗号分隔"),
    )
    edition = models.CharField(_("清单版本"), max_length=10, default="2025")

    class Meta:
        ordering = ["category", "item_no", "code"]
        verbose_name = _("负面清单事项")
        verbose_name_plural = _("负面清单")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/lists/negative/{self.code}/"

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", ",").replace(",", " ").split() if k]

    @property
    def service_code_list(self) -> list[str]:
        return [c.strip() for c in self.service_codes.replace("，", ",").split(",") if c.strip()]


class NegativeMeasure(Orderable):
    """措施描述: one management measure of a negative-list item."""

    item = ParentalKey(NegativeListItem, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField(_("措施描述"))
    is_local = models.BooleanField(_("地方性措施"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("管理措施")
        verbose_name_plural = _("管理措施")

    def __str__(self) -> str:
        return self.text[:40]


class PublicServiceEntry(ListEntryBase):
    """公共服务事项清单 entry, linked to its catalogue entry by service code."""

    service_code = models.CharField(_("事项实施编码"), max_length=36, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("实施主体"),
        on_delete=models.PROTECT,
        related_name="public_service_entries",
    )
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    exercise_level = models.CharField(
        _("行使层级"), max_length=1, choices=ExerciseLevel.choices, default=ExerciseLevel.MUNICIPAL
    )
    basis = models.TextField(_("设定依据"), blank=True)
    description = models.TextField(_("服务内容"), blank=True)

    class Meta:
        ordering = ["service_code"]
        verbose_name = _("公共服务事项")
        verbose_name_plural = _("公共服务事项清单")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/lists/public-services/{self.service_code}/"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ListImport(models.Model):
    """A bulk import of a list file: the dry-run report, then (once confirmed) the run."""

    kind = models.CharField(_("清单"), max_length=20, default="power")
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="list_imports"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="list_imports"
    )
    filename = models.CharField(_("文件名"), max_length=200)
    rows = models.JSONField(default=list)  # validated rows, written only on confirm
    report = models.JSONField(default=list)  # per-row outcome of the dry run
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("清单导入")
        verbose_name_plural = _("清单导入")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def has_errors(self) -> bool:
        return any(r["action"] == "reject" for r in self.report)
