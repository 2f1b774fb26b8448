"""Settings for the test suite: SQLite and eager tasks unless DATABASE_URL/REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; integration tests switch to the real worker explicitly.
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
STAFF_MFA_REQUIRED = False
ACCOUNT_EMAIL_VERIFICATION = "optional"
WAGTAILADMIN_BASE_URL = "http://testserver"
