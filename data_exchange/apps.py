from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataExchangeConfig(AppConfig):
    name = "data_exchange"
    verbose_name = _("数据共享")
