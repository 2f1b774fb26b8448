"""The app's public reads for other apps (the home page, supervision dashboards)."""

from participation.appeals.hot import hot_topics  # noqa: F401
from participation.appeals.selectors import department_stats  # noqa: F401
from participation.notices.selectors import banner_active, notices_latest  # noqa: F401
