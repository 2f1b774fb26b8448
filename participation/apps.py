from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """公众参与: 12345 appeals (诉求), public comment on drafts (征求意见) and notices (通知公告)."""

    name = "participation"
    verbose_name = _("公众参与")
