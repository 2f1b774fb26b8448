from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "hall"
    verbose_name = _("办事大厅")
    default_auto_field = "django.db.models.BigAutoField"
