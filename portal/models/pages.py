from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import HomeBodyBlock


class HomePage(Page):
    """首页: the single entrance (进一家门，办所有事)."""

    hero_title = models.CharField(_("主标题"), max_length=80, default="进一家门，办所有事")
    hero_subtitle = models.CharField(
        _("副标题"),
        max_length=160,
        blank=True,
        default="一次告知 · 一表申请 · 一口受理 · 一网办理 · 统一发证",
    )
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("页面内容"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_subtitle"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = [
        "policies.BusinessChannelPage",
        "participation.ConsultationIndexPage",
        "participation.NoticeIndexPage",
    ]
    max_count = 1
    # Anonymous visitors get the page from config.pagecache (see portal/wagtail_hooks.py).
    anonymous_cache_seconds = 600

    class Meta:
        verbose_name = _("首页")

    def get_template(self, request, *args, **kwargs):
        """长者 mode (the reading-mode cookie) gets the simplified home page (适老化)."""
        from portal.home import elder_mode

        if elder_mode(request):
            return "portal/home_page_elder.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from portal.home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request))
        return context
