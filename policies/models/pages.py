"""Wagtail pages of the business channel: /business/ and one page per policy."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from policies.blocks import PolicyBodyBlock
from policies.constants import Operator, ProfileField
from policies.rules import condition_errors, rule_errors, split_values
from services_catalog.content_language import english_active, localized

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


def _is_publishing(data) -> bool:
    """Publishing, submitting for moderation (政策审核) or acting in the workflow, not a draft."""
    return any(data.get(name) for name in PUBLISHING_ACTIONS)


class PolicyPageForm(WagtailAdminPageForm):
    """Rejects a rule that names an unknown field or contradicts itself, before it is saved."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("conditions") if hasattr(self, "formsets") else None
        if formset is not None and formset.is_valid():
            rows = [
                {
                    "group": f.cleaned_data.get("group") or 1,
                    "field": f.cleaned_data.get("field"),
                    "operator": f.cleaned_data.get("operator"),
                    "value": f.cleaned_data.get("value"),
                }
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            for message in rule_errors(rows):
                self.add_error(None, message)
        codes = split_values(cleaned.get("linked_service_codes") or "")
        from policies.validity import policy_link_errors

        for message in policy_link_errors(codes=codes, publishing=_is_publishing(self.data)):
            self.add_error("linked_service_codes", message)
        if cleaned.get("benefit_without_application") and not codes:
            self.add_error(
                "linked_service_codes", _("免申即享政策必须关联一个用于生成办件的事项编码。")
            )
        from policies.urls import RESERVED_SLUGS

        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("该地址已被系统功能占用，请换一个。"))
        start, end = cleaned.get("effective_from"), cleaned.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("有效期截止日期不能早于开始日期。"))
        return cleaned


class BusinessChannelPage(Page):
    """惠企政策 / 复工复产专栏: 政策服务, 办事服务 and 咨询服务 in one place."""

    intro = RichTextField(_("专栏简介"), blank=True, features=["bold", "link", "ol", "ul"])
    service_codes = models.TextField(
        _("办事服务事项编码"),
        blank=True,
        help_text=_("复工复产相关的法人事项实施编码，每行或逗号分隔一个；留空时使用默认事项。"),
    )
    consult_intro = models.TextField(
        _("咨询服务说明"),
        blank=True,
        default="企业可在政策页面在线提问，发文部门在3个工作日内答复；常见问题在政策页面公开。",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("service_codes"),
        FieldPanel("consult_intro"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    max_count = 1
    anonymous_cache_seconds = 600  # config.pagecache: anonymous visitors, fresh on publish
    anonymous_cache_params = ("tab",)

    class Meta:
        verbose_name = _("惠企政策专栏")

    def get_context(self, request, *args, **kwargs):
        from policies import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(
            selectors.channel_context(page=self, user=request.user, tab=request.GET.get("tab", ""))
        )
        return context


class PolicyPage(Page):
    """政策: one support or reopening policy with its structured eligibility rule."""

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("发文部门"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    document_number = models.CharField(
        _("文号"), max_length=60, help_text=_("如 沪人社规〔2026〕3号")
    )
    effective_from = models.DateField(_("有效期自"))
    effective_to = models.DateField(_("有效期至"), null=True, blank=True)
    summary = models.TextField(_("政策要点（通俗解读）"), max_length=600)
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("政策内容"))
    linked_service_codes = models.CharField(
        _("关联事项编码"),
        max_length=200,
        blank=True,
        help_text=_("申报所用事项的实施编码，多个用逗号分隔；第一个用于申报和免申即享。"),
    )
    benefit_without_application = models.BooleanField(
        _("免申即享"),
        default=False,
        help_text=_("由系统主动筛选符合条件的企业，企业只需确认享受意愿，无需填表申报。"),
    )
    # English version (英文版), shown when the visitor chose English; empty = Chinese only
    title_en = models.CharField(_("英文标题"), max_length=255, blank=True)
    summary_en = models.TextField(_("英文政策要点"), max_length=1200, blank=True)
    body_en = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("英文政策内容"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldPanel("document_number"),
                FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
            ],
            heading=_("发文信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("linked_service_codes"), FieldPanel("benefit_without_application")],
            heading=_("申报方式"),
        ),
        InlinePanel(
            "conditions",
            heading=_("适用条件（规则）"),
            label=_("条件"),
            help_text=_(
                "同一组号内的条件须同时满足（且）；不同组之间满足任意一组即可（或）。"
                "没有条件表示所有企业均可享受。"
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("summary_en"), FieldPanel("body_en")],
            heading=_("英文版"),
            help_text=_("访问者选择 English 时显示；留空则显示中文原文并提示“仅有中文版”。"),
            classname="collapsed",
        ),
    ]

    base_form_class = PolicyPageForm
    parent_page_types = ["policies.BusinessChannelPage"]
    subpage_types: list[str] = []
    anonymous_cache_seconds = 600  # config.pagecache: anonymous visitors, fresh on publish

    class Meta:
        verbose_name = _("政策")
        verbose_name_plural = _("政策")

    @property
    def has_english(self) -> bool:
        return bool(self.title_en)

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_summary(self) -> str:
        return localized(self, "summary")

    @property
    def display_body(self):
        """The English body in English mode when the policy has an English version."""
        return self.body_en if english_active() and len(self.body_en) else self.body

    @property
    def service_codes(self) -> list[str]:
        return split_values(self.linked_service_codes)

    @property
    def apply_service_code(self) -> str:
        codes = self.service_codes
        return codes[0] if codes else ""

    def rule_rows(self) -> list[dict]:
        return [
            {"group": c.group, "field": c.field, "operator": c.operator, "value": c.value}
            for c in self.conditions.all()
        ]

    def get_context(self, request, *args, **kwargs):
        from policies import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.policy_page_context(page=self, user=request.user))
        return context


class PolicyCondition(Orderable):
    """One condition of a policy's eligibility rule (适用条件)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="conditions")
    group = models.PositiveSmallIntegerField(
        _("组号"), default=1, help_text=_("同组为“且”，不同组为“或”")
    )
    field = models.CharField(_("企业画像字段"), max_length=40, choices=ProfileField.choices)
    operator = models.CharField(_("运算"), max_length=20, choices=Operator.choices)
    value = models.CharField(
        _("条件值"),
        max_length=200,
        help_text=_("多个值用逗号分隔，如 H62,H61；规模：大/中/小/微；信用：A/B/M/C/D"),
    )

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("field"), FieldPanel("operator")]),
        FieldPanel("value"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("适用条件")
        verbose_name_plural = _("适用条件")

    def clean(self):
        from django.core.exceptions import ValidationError

        problems = condition_errors(
            {"field": self.field, "operator": self.operator, "value": self.value}
        )
        if problems:
            raise ValidationError(problems)
