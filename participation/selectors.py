"""The app's public reads for other apps (the home page, supervision dashboards)."""

from participation.appeals.hot import hot_topics  # noqa: F401
from participation.appeals.selectors import (  # noqa: F401
    STAT_COUNTERS,
    appeal_counts_by_day,
    appeal_days_unsettled,
    department_stats,
    stat_rates,
)
from participation.notices.selectors import banner_active, notices_latest  # noqa: F401
