"""StreamField blocks shared by every portal page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=40)
    description = blocks.CharBlock(label=_("说明"), max_length=120, required=False)
    url = blocks.CharBlock(label=_("链接"), max_length=200, help_text=_("站内路径，如 /services/"))
    icon = blocks.ChoiceBlock(
        label=_("图标"),
        choices=[
            ("person", _("个人")),
            ("business", _("企业")),
            ("list", _("清单")),
            ("policy", _("政策")),
            ("search", _("查询")),
            ("doc", _("证照")),
        ],
        default="person",
    )

    class Meta:
        icon = "link"
        template = "portal/blocks/quick_link.html"


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=80)
    body = blocks.RichTextBlock(label=_("内容"), features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        template = "portal/blocks/notice.html"


class HomeBodyBlock(blocks.StreamBlock):
    quick_links = blocks.ListBlock(
        QuickLinkBlock(), label=_("快捷入口"), template="portal/blocks/quick_links.html"
    )
    notice = NoticeBlock(label=_("通知公告"))
    paragraph = blocks.RichTextBlock(
        label=_("正文"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
