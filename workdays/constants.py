from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """A calendar entry: a day off by law (may fall on any day) or a 调休 working weekend day."""

    HOLIDAY = "holiday", _("法定节假日")
    WORKDAY = "workday", _("调休上班")


# Years a calendar may be kept for (a typo such as 20277 is refused, not stored).
MIN_YEAR = 1990
MAX_YEAR = 2200

CHINESE_CALENDAR_SOURCE = "国务院办公厅通知 / chinesecalendar {version} 数据"
