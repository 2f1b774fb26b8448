"""Settings for the test suite: SQLite and eager tasks unless DATABASE_URL/REDIS_URL are set."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; integration tests switch to the real worker explicitly.
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "test-media"))
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "test-private"))
# A queue private to this test process, so a demo worker on the same Redis never steals its tasks.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE") or f"test-{os.getpid()}"
STAFF_MFA_REQUIRED = False
ACCOUNT_EMAIL_VERIFICATION = "optional"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo's department simulator writes the URLs it listens on here; the connectors read them.
DATA_EXCHANGE_SIMULATOR_STATE_FILE = env_str(
    "DATA_EXCHANGE_SIMULATOR_STATE_FILE", str(VAR_DIR / "data_exchange" / "simulator.json")
)
APPLICATIONS_SMS_BACKEND = "applications.sms.LocmemBackend"
