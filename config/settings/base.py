"""Settings shared by every environment. Environment-specific modules import * from here.

Split by concern: the framework's settings in config/settings/core.py, the apps' own (one
block per app) in config/settings/apps.py. Every value that differs between deployments is
read through config.env; see docs/configuration.md for the full list.
"""

from config.settings.core import *  # noqa: F403

# isort: split
# After core: the apps' blocks extend INSTALLED_APPS ("ninja") and CELERY_BEAT_SCHEDULE.
from config.settings.apps import *  # noqa: F403
