from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.constants import AccountKind, AssuranceLevel
from accounts.fields import EncryptedCharField
from accounts.identity import mask_id_number


class Department(models.Model):
    """部门: a government body that owns services, lists, reviews and staff."""

    code = models.SlugField(_("部门代码"), max_length=40, unique=True)
    name = models.CharField(_("部门名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    region_code = models.CharField(_("行政区划代码"), max_length=12)
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """法人: a business or other organisation that acts through authorised agents (经办人)."""

    name = models.CharField(_("单位名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    region_code = models.CharField(_("注册地行政区划"), max_length=12, blank=True)
    assurance_level = models.PositiveSmallIntegerField(
        _("认证等级"), choices=AssuranceLevel.choices, default=AssuranceLevel.FORMAT_CHECKED
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("法人单位")
        verbose_name_plural = _("法人单位")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Every person who signs in: citizens, business agents and staff.

    The 身份证号 is stored encrypted (id_number) with a keyed digest (id_number_digest)
    for uniqueness and lookups; it is never stored or logged in plain text.
    """

    kind = models.CharField(
        _("账户类型"), max_length=10, choices=AccountKind.choices, default=AccountKind.CITIZEN
    )
    real_name = models.CharField(_("姓名"), max_length=50, blank=True)
    id_number = EncryptedCharField(_("身份证号"), blank=True, default="")
    id_number_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    assurance_level = models.PositiveSmallIntegerField(
        _("认证等级"), choices=AssuranceLevel.choices, null=True, blank=True
    )
    verified_at = models.DateTimeField(_("实名核验时间"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("所属法人（经办人）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agents",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [
            ("access_counter", _("使用窗口受理")),
            ("access_review", _("使用部门审批")),
            ("access_supervision", _("使用效能监督")),
            ("publish_lists", _("起草和发布清单")),
            ("head_department", _("部门负责人：查看本部门人员的工作记实")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_digest"],
                condition=~models.Q(id_number_digest=""),
                name="accounts_user_unique_id_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="staff") | models.Q(department__isnull=False),
                name="accounts_staff_has_department",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="business") | models.Q(organisation__isnull=False),
                name="accounts_business_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.real_name or self.get_full_name() or self.username

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def is_citizen(self) -> bool:
        return self.kind == AccountKind.CITIZEN

    @property
    def is_business(self) -> bool:
        return self.kind == AccountKind.BUSINESS

    @property
    def is_portal_staff(self) -> bool:
        return self.kind == AccountKind.STAFF or self.is_superuser


class OrganisationAuthorisation(models.Model):
    """授权委托: a person may act for an organisation, for a scope of services, until an expiry.

    Belonging to an organisation (User.organisation) grants nothing by itself: every access
    to company data checks a live authorisation through accounts.selectors.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", _("单位管理员")
        AGENT = "agent", _("经办人")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="authorisations"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authorisations")
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.AGENT)
    all_services = models.BooleanField(_("全部事项"), default=False)
    service_codes = models.JSONField(_("授权事项"), default=list, blank=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("授权委托")
        verbose_name_plural = _("授权委托")
        indexes = [models.Index(fields=["user", "organisation"], name="acc_auth_user_org_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.user}"
