"""通知公告 and 政策解读 pages under /notices/, and the site-wide emergency banner (紧急通知)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class NoticeKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("通知公告")
    INTERPRETATION = "interpretation", _("政策解读")


class NoticeIndexPage(Page):
    """/notices/: the list of notices and policy interpretations, newest first."""

    intro = models.TextField(_("栏目简介"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["participation.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("通知公告栏目")

    def get_context(self, request, *args, **kwargs):
        from participation.notices.selectors import notices_latest

        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        context["kind"] = kind if kind in NoticeKind.values else ""
        context["notices"] = notices_latest(limit=50, kind=context["kind"])
        context["kinds"] = NoticeKind.choices
        return context


class NoticePage(Page):
    """One 通知公告 or 政策解读; go_live_at/expire_at schedule its publication and expiry."""

    kind = models.CharField(
        _("类别"), max_length=16, choices=NoticeKind.choices, default=NoticeKind.ANNOUNCEMENT
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("发布部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField(_("发布日期"), default=timezone.localdate)
    summary = models.TextField(_("摘要"), max_length=300, blank=True)
    body = RichTextField(_("正文"), features=["h2", "h3", "bold", "ol", "ul", "link"])
    linked_policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("解读的政策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("政策解读须关联所解读的政策页面。"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("published_on")]),
        FieldPanel("department"),
        FieldPanel("summary"),
        FieldPanel("body"),
        PageChooserPanel("linked_policy", page_type="policies.PolicyPage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["participation.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.kind == NoticeKind.INTERPRETATION and not self.linked_policy_id:
            raise ValidationError({"linked_policy": _("政策解读须关联所解读的政策。")})


class BannerLevel(models.TextChoices):
    RED = "red", _("红色（特别紧急）")
    ORANGE = "orange", _("橙色（紧急）")
    YELLOW = "yellow", _("黄色（较紧急）")
    BLUE = "blue", _("蓝色（提示）")


class EmergencyBanner(models.Model):
    """紧急通知: shown at the top of every public page between its start and end."""

    title = models.CharField(_("标题"), max_length=60)
    message = models.CharField(_("内容"), max_length=300)
    level = models.CharField(_("级别"), max_length=8, choices=BannerLevel.choices)
    starts_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ends_at = models.DateTimeField(_("结束时间"))
    link_url = models.CharField(
        _("详情链接"), max_length=200, blank=True, help_text=_("站内地址，如 /notices/xxx/")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("link_url"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("紧急通知")
        verbose_name_plural = _("紧急通知")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间须晚于开始时间。")})
        if self.link_url and not (
            self.link_url.startswith("/") and not self.link_url.startswith("//")
        ):
            raise ValidationError({"link_url": _("只能填写以 / 开头的站内地址。")})
