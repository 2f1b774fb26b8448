"""Celery discovers this module; the tasks live with their concern."""

from participation.appeals.tasks import appeal_notify, deadlines_flag, hot_topics_count  # noqa: F401
