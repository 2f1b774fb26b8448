"""Production: everything secret or host-specific must come from the environment."""

from config.env import ConfigurationError, env_bool, env_int, env_list, env_required, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS must be set in production")
if not FIELD_ENCRYPTION_KEYS:  # noqa: F405
    raise ConfigurationError("FIELD_ENCRYPTION_KEYS must be set in production")

STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
# The departments' real endpoints only (config/preflight.py refuses simulator URLs).
DATA_EXCHANGE_SIMULATOR_ALLOWED = False
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if env_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
