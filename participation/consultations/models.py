"""征求意见: a draft in sections, open for comment between two dates, and its feedback report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page


class CommentState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("未通过")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class ConsultationIndexPage(Page):
    """/consultations/: drafts open for comment and closed ones with their reports."""

    intro = models.TextField(_("栏目简介"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["participation.ConsultationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("征求意见栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = (
            ConsultationPage.objects.child_of(self).live().order_by("-opens_at")
        )
        return context


class ConsultationPage(Page):
    """One draft policy or regulation (重大行政决策程序暂行条例: normally ≥ 30 days of comment)."""

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("起草部门"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("起草说明"), max_length=1000)
    opens_at = models.DateTimeField(_("征求意见开始"))
    closes_at = models.DateTimeField(_("征求意见截止"))
    feedback_summary = models.TextField(_("意见采纳情况说明"), blank=True)
    feedback_published_at = models.DateTimeField(_("反馈报告发布时间"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("department"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        InlinePanel("sections", heading=_("草案条文（分节）"), label=_("章节"), min_num=1),
    ]
    parent_page_types = ["participation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("征求意见稿")
        verbose_name_plural = _("征求意见稿")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间须晚于开始时间。")})

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def is_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    def get_context(self, request, *args, **kwargs):
        from participation.consultations.selectors import consultation_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_page_context(page=self, user=request.user))
        return context


class ConsultationSection(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("章节标题"), max_length=120)
    text = models.TextField(_("条文"))

    panels = [FieldPanel("heading"), FieldPanel("text")]

    def __str__(self) -> str:
        return self.heading


class ConsultationComment(models.Model):
    """One citizen's comment on one section; shown only once approved by the publisher."""

    page = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        ConsultationSection, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultation_comments"
    )
    text = models.TextField(_("意见内容"))
    state = models.CharField(
        _("审核状态"), max_length=10, choices=CommentState.choices, default=CommentState.PENDING
    )
    moderation_reason = models.CharField(_("未通过原因"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    group_label = models.CharField(_("意见归类"), max_length=60, blank=True)
    outcome = models.CharField(_("采纳情况"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_reason = models.CharField(_("理由"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        permissions = [("moderate_consultations", _("审核征求意见和发布采纳情况"))]
        indexes = [models.Index(fields=["page", "state"], name="consult_comment_state")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:20]}"
