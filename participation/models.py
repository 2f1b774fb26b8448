"""The app's models live with their concern; importing them here registers them with Django."""

from participation.appeals.models import (  # noqa: F401
    Appeal,
    AppealAttachment,
    AppealCategory,
    AppealEvent,
    AppealNotification,
    DispatchRule,
    HotTopicCount,
)
from participation.consultations.models import (  # noqa: F401
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationSection,
)
from participation.notices.models import EmergencyBanner, NoticeIndexPage, NoticePage  # noqa: F401
