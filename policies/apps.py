from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("惠企政策")

    def ready(self):
        from participation.hooks import on_appeal_step
        from policies.questions import question_follow_appeal

        on_appeal_step(question_follow_appeal)
