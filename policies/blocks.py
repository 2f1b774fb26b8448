"""StreamField blocks of the business channel's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class PolicySectionBlock(blocks.StructBlock):
    """A headed section of a policy: 申报条件, 支持内容, 办理流程, 政策依据 …"""

    heading = blocks.CharBlock(label=_("小标题"), max_length=40)
    body = blocks.RichTextBlock(label=_("内容"), features=RICH_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "policies/blocks/policy_section.html"


class BenefitItemBlock(blocks.StructBlock):
    """One benefit line: what the business gets, e.g. 返还上年度失业保险费的 60%."""

    title = blocks.CharBlock(label=_("支持事项"), max_length=60)
    amount = blocks.CharBlock(label=_("标准或额度"), max_length=120, required=False)
    note = blocks.CharBlock(label=_("说明"), max_length=200, required=False)

    class Meta:
        icon = "pick"


class PolicyBodyBlock(blocks.StreamBlock):
    eligibility = blocks.RichTextBlock(
        label=_("申报条件"), features=RICH_FEATURES, template="policies/blocks/eligibility.html"
    )
    benefits = blocks.ListBlock(
        BenefitItemBlock(), label=_("支持内容"), template="policies/blocks/benefits.html"
    )
    section = PolicySectionBlock(label=_("其他内容"))


class ChannelIntroBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("正文"), features=RICH_FEATURES)
