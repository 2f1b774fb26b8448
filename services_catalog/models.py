"""The service catalogue: service items (事项) with their complete 办事指南 (GB/T 39046).

ServiceItem is a Wagtail snippet with drafts, revisions and the moderation workflow:
only live (approved) versions are public. Materials are child rows kept in the same
revision (ParentalKey), so a guide and its checklist are versioned together.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from accounts.models import Department
from services_catalog import content_language
from services_catalog.constants import (
    Audience,
    CaseType,
    ExerciseLevel,
    ItemType,
    JointMode,
    MaterialForm,
    MaterialNecessity,
    MaterialSource,
)


class EnglishNameMixin:
    """``display_name``: the English name in English mode when a publisher wrote one."""

    @property
    def display_name(self) -> str:
        return content_language.localized(self, "name")

    @property
    def has_english(self) -> bool:
        return bool(getattr(self, "name_en", ""))


class ServiceTheme(EnglishNameMixin, models.Model):
    """服务主题: separate theme lists for 自然人 and 法人."""

    code = models.SlugField(_("主题代码"), max_length=40, unique=True)
    name = models.CharField(_("主题名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    audience = models.CharField(_("适用对象"), max_length=10, choices=Audience.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["audience", "sort_order", "name"]
        verbose_name = _("服务主题")
        verbose_name_plural = _("服务主题")

    def __str__(self) -> str:
        return self.name


class LifeEvent(EnglishNameMixin, models.Model):
    """一件事: a life event that bundles several services (e.g. 开饭店, 新生儿出生)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    audience = models.CharField(_("适用对象"), max_length=10, choices=Audience.choices)
    description = models.TextField(_("说明"), blank=True)
    description_en = models.TextField(_("英文说明"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def __str__(self) -> str:
        return self.name


class ServiceItem(
    EnglishNameMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    ClusterableModel,
):
    """事项 / 办事指南: everything a service needs, told once (一次告知)."""

    # Identity
    code = models.CharField(_("实施编码"), max_length=36, unique=True)
    basic_code = models.CharField(_("基本编码"), max_length=10, db_index=True)
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=2, choices=ItemType.choices)
    version = models.PositiveIntegerField(_("事项版本"), default=1)
    # Legal
    legal_basis = models.TextField(_("设定依据"), blank=True)
    exercise_level = models.CharField(
        _("行使层级"), max_length=1, choices=ExerciseLevel.choices, default=ExerciseLevel.MUNICIPAL
    )
    power_code = models.CharField(
        _("对应权力事项实施编码"),
        max_length=36,
        blank=True,
        db_index=True,
        help_text=_("本事项所行使的权力清单事项的实施编码"),
    )
    # Who handles it
    department = models.ForeignKey(
        Department, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="services"
    )
    handling_office = models.CharField(_("承办机构"), max_length=100, blank=True)
    joint_departments = ParentalManyToManyField(
        Department, verbose_name=_("联办机构"), blank=True, related_name="joint_services"
    )
    joint_mode = models.CharField(
        _("联办方式"), max_length=12, choices=JointMode.choices, default=JointMode.NONE
    )
    # Audience and themes
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    service_objects = models.JSONField(_("服务对象代码（A.4）"), default=list, blank=True)
    themes = ParentalManyToManyField(ServiceTheme, verbose_name=_("服务主题"), blank=True)
    life_events = ParentalManyToManyField(LifeEvent, verbose_name=_("一件事"), blank=True)
    scope = models.CharField(_("通办范围"), max_length=20, blank=True, default="全市通办")
    # Conditions and process
    conditions = models.TextField(_("受理条件"))
    process_steps = models.JSONField(_("办理流程"), default=list, blank=True)
    special_procedures = models.TextField(_("特别程序"), blank=True)
    intermediary_services = models.TextField(_("中介服务"), blank=True)
    quantity_limit = models.CharField(_("数量限制"), max_length=200, blank=True)
    # Time limits (working days)
    legal_limit_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"))
    promised_limit_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"))
    limit_note = models.CharField(_("时限说明"), max_length=200, blank=True)
    case_type = models.CharField(
        _("办件类型"), max_length=1, choices=CaseType.choices, default=CaseType.PROMISED
    )
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), default=0)
    # Fees
    charges_fee = models.BooleanField(_("是否收费"), default=False)
    fee_basis = models.TextField(_("收费依据及标准"), blank=True)
    # Channel
    handling_forms = models.JSONField(_("办理形式（A.5）"), default=list, blank=True)
    online = models.BooleanField(_("是否网办"), default=True)
    appointment = models.BooleanField(_("是否支持预约"), default=False)
    online_payment = models.BooleanField(_("是否支持网上支付"), default=False)
    express = models.BooleanField(_("是否支持物流快递"), default=False)
    # Where and how to ask
    location = models.CharField(_("办理地点"), max_length=200)
    office_hours = models.CharField(_("办理时间"), max_length=200)
    consult_phone = models.CharField(_("咨询电话"), max_length=40)
    supervise_phone = models.CharField(_("监督电话"), max_length=40)
    faq = models.JSONField(_("常见问题"), default=list, blank=True)
    # Result
    result_name = models.CharField(_("结果名称"), max_length=100, blank=True)
    result_sample = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("结果样本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Reforms
    allows_tolerance = models.BooleanField(_("支持容缺受理"), default=False)
    allows_commitment = models.BooleanField(_("支持告知承诺制"), default=False)
    # The one form (一表申请): [{"name", "label", "type", "required", "choices"?, "help"?}]
    form_fields = models.JSONField(_("申请表字段"), default=list, blank=True)
    # English version (英文版) of the guide's key fields; empty means Chinese only
    name_en = models.CharField(_("英文事项名称"), max_length=300, blank=True)
    conditions_en = models.TextField(_("英文受理条件"), blank=True)
    process_steps_en = models.JSONField(_("英文办理流程"), default=list, blank=True)
    result_name_en = models.CharField(_("英文结果名称"), max_length=200, blank=True)
    location_en = models.CharField(_("英文办理地点"), max_length=300, blank=True)
    office_hours_en = models.CharField(_("英文办理时间"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        indexes = [
            models.Index(fields=["live", "audience"]),
            models.Index(fields=["department", "live"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/services/{self.code}/"


class Material(models.Model):
    """申请材料: one item of a service's materials checklist."""

    service = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    code = models.SlugField(_("材料代码"), max_length=40, help_text=_("在本事项内唯一"))
    name = models.CharField(_("材料名称"), max_length=200)
    name_en = models.CharField(_("英文材料名称"), max_length=300, blank=True)
    form = models.CharField(
        _("材料形式"), max_length=12, choices=MaterialForm.choices, default=MaterialForm.ELECTRONIC
    )
    original_count = models.PositiveSmallIntegerField(_("原件份数"), default=0)
    copy_count = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    paper_size = models.CharField(_("纸张规格"), max_length=10, blank=True, default="A4")
    necessity = models.CharField(
        _("必要性"),
        max_length=10,
        choices=MaterialNecessity.choices,
        default=MaterialNecessity.REQUIRED,
    )
    source = models.CharField(
        _("来源渠道"),
        max_length=12,
        choices=MaterialSource.choices,
        default=MaterialSource.APPLICANT,
    )
    issuer = models.CharField(_("出具机构"), max_length=100, blank=True)
    note = models.CharField(_("来源说明"), max_length=200, blank=True)
    acceptance_standard = models.TextField(_("受理标准"), blank=True)
    legal_basis = models.TextField(_("要求提供材料的依据"), blank=True)
    fill_notes = models.TextField(_("填报须知"), blank=True)
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("示例样表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_type = models.CharField(
        _("可免提交的证照/数据类型"),
        max_length=60,
        blank=True,
        help_text=_("填写数据共享的证照类型代码后，申请人可授权调取而无需提交（免提交）"),
    )
    commitment_allowed = models.BooleanField(_("可以告知承诺替代"), default=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"], name="material_code_unique_in_service"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return content_language.localized(self, "name")

    @property
    def exempt_by_data_sharing(self) -> bool:
        """免提交: obtainable from certified department data."""
        return bool(self.evidence_type)
