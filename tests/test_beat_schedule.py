"""Every periodic job in the beat schedule names a task that imports."""

from django.conf import settings

from config.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: {entry['task']} is not a registered task"


def test_the_policy_expiry_reminder_runs_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["policies-remind-expiring"]
    assert entry["task"] == "policies.tasks.policies_remind_expiring"
    assert entry["schedule"] <= 86400.0
