"""Admin: the emergency banner as a snippet, the dispatch catalogue and the appeal categories."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation.appeals.models import AppealCategory, DispatchRule
from participation.notices.banner import banner_forget
from participation.notices.models import EmergencyBanner


class EmergencyBannerViewSet(SnippetViewSet):
    model = EmergencyBanner
    icon = "warning"
    menu_label = _("紧急通知")
    list_display = ["title", "level", "starts_at", "ends_at"]


class DispatchRuleViewSet(SnippetViewSet):
    model = DispatchRule
    icon = "list-ol"
    menu_label = _("派单目录")
    list_display = [
        "position",
        "category",
        "region_code",
        "department",
        BooleanColumn("active", label=_("启用")),
    ]
    panels = [
        FieldPanel("position"),
        FieldPanel("category"),
        FieldPanel("region_code"),
        FieldPanel("department"),
        FieldPanel("active"),
    ]


class AppealCategoryViewSet(SnippetViewSet):
    model = AppealCategory
    icon = "tag"
    menu_label = _("诉求分类与时限")
    list_display = ["name", "code", "deadline_working_days"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("deadline_working_days"),
        FieldPanel("keywords"),
        FieldPanel("sort_order"),
    ]


class ParticipationGroup(SnippetViewSetGroup):
    items = (EmergencyBannerViewSet, DispatchRuleViewSet, AppealCategoryViewSet)
    menu_icon = "group"
    menu_label = _("公众参与")
    menu_name = "participation"


register_snippet(ParticipationGroup)


@receiver([post_save, post_delete], sender=EmergencyBanner)
def _banner_changed(sender, **kwargs) -> None:
    """This process shows the change at once; the others within PARTICIPATION_BANNER_SECONDS."""
    banner_forget()
