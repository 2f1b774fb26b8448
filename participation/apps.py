from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """公众参与: 12345 appeals (诉求), public comment on drafts (征求意见) and notices (通知公告)."""

    name = "participation"
    verbose_name = _("公众参与")

    def ready(self) -> None:
        # Cache invalidation only (no business rule): each process keeps the appeal categories
        # and the dispatch catalogue (participation/appeals/catalogue.py).
        from django.db.models.signals import post_delete, post_save

        from accounts.models import Department
        from participation.appeals.catalogue import catalogue_changed
        from participation.appeals.models import AppealCategory, DispatchRule

        for model in (AppealCategory, DispatchRule, Department):
            name = model.__name__
            post_save.connect(
                catalogue_changed, sender=model, dispatch_uid=f"appeal_catalogue_s_{name}"
            )
            post_delete.connect(
                catalogue_changed, sender=model, dispatch_uid=f"appeal_catalogue_d_{name}"
            )
