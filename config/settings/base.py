"""Settings shared by every environment. Environment-specific modules import * from here.

Every value that differs between deployments is read through config.env; see
docs/configuration.md for the full list.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_noop

from config.env import ConfigurationError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str(
    "SECRET_KEY", "dev-only-secret-key-change-me-for-any-real-deployment-0123456789"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PORTAL_NAME = env_str("PORTAL_NAME", "一网通办政务服务网")
PORTAL_REGION_CODE = env_str("PORTAL_REGION_CODE", "310114")  # 行政区划代码 of the deploying region

INSTALLED_APPS = [
    # Our apps first, so their templates override third-party ones.
    "accounts",
    "portal",
    "services_catalog",
    "applications",
    "data_exchange",
    "policies",
    "hall",
    "supervision",
    "participation",
    "search",
    "api",
    "printing",
    "workdays",
    "worklog",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # allauth
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "worklog.middleware.DenialRecordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionGuardMiddleware",
    "participation.notices.banner.EmergencyBannerMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite:")):
        raise ConfigurationError(
            "DATABASE_URL must start with postgres://, postgresql:// or sqlite:"
        )
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ywtb"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ywtb"}
    }
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Celery's Django fix-up closes the database connection before and after every task unless
# this is set, so every task pays for a new PostgreSQL connection (≈10 ms on the benchmark
# machine). Reuse it for up to this many tasks instead; config/celery.py still drops a
# connection that is older than DB_CONN_MAX_AGE or no longer usable before a task runs.
# 0 restores Celery's default (a new connection per task).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 100)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Apps add their periodic jobs here; tests/test_beat_schedule.py imports every task path.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.sessions_clear_expired",
        "schedule": 3600.0,
    },
    "applications-flag-deadlines": {"task": "applications.tasks.deadlines_flag", "schedule": 900.0},
    "applications-evidence-followup": {
        "task": "applications.tasks.evidence_followup",
        "schedule": 600.0,
    },
    "applications-reconcile-documents": {
        "task": "applications.tasks.documents_reconcile",
        "schedule": 300.0,
    },
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.PortalSignupForm"
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# Failed logins per account and per IP; once exceeded, the account is locked for the period.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "20/15m/ip,5/15m/key"),
    "login": "30/m/ip",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
}
ACCOUNT_ADAPTER = "accounts.adapters.PortalAccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PORTAL_NAME
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
# A staff session idle for longer than this is logged out (0 switches it off).
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30)
# Wagtail's own login form is not a door: every login goes through allauth (lockout, e-mail
# verification, MFA). /admin/login/ redirects there (config/urls.py).
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"  # private pages use the one guarded login too
WAGTAIL_PASSWORD_RESET_ENABLED = False

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 2 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Personal data at rest: Fernet keys (comma-separated; first one encrypts, all decrypt).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [])

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS: list[Path] = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Applicants' uploads live here and are served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@ywtb.example.gov.cn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = PORTAL_NAME
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "odt", "ods"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_APPROVAL_TO_PUBLISH = True
WAGTAILADMIN_COMMENTS_ENABLED = False

# --- Security headers (tightened further in production) --------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_ids": {"()": "accounts.logging.MaskIdentityNumbersFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_ids"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        # Wagtail runs its reference-index and search updates as immediate django_tasks; at INFO
        # each one logs two lines, thousands while the demo loads.
        "django_tasks": {"level": "WARNING"},
    },
}

# Packages whose load(*, stdout) builds demo content (load_demo_data), in the order of the
# arrows of docs/architecture.md: each demo builds only on the demos listed before it
# (tests/test_demo_layout.py). search rebuilds its index from the catalogue and the lists.
DEMO_DATA_LOADERS = [
    "accounts.demo",
    "services_catalog.demo",
    "portal.demo",
    "search.demo",
    "data_exchange.demo",
    "applications.demo",
    "policies.demo",
    "hall.demo",
    "participation.demo",
    # Last: supervision's history reads what the others made.
    "supervision.demo",
]

PORTAL_NAV = [
    (gettext_noop("首页"), "/"),
    (gettext_noop("办事服务"), "/services/"),
    (gettext_noop("四张清单"), "/lists/"),
    (gettext_noop("惠企政策"), "/business/"),
    (gettext_noop("我的办件"), "/me/applications/"),
]

# URL modules of the apps, included at the site root before Wagtail's page serving.
PORTAL_APP_URLCONFS: list[str] = [
    "services_catalog.urls",
    "portal.urls",
    "search.urls",
    "api.urls",
    "data_exchange.urls",
    "supervision.urls",
    "applications.urls",
    "policies.urls",
    "hall.urls",
    "participation.urls",
]

# manage.py argument lists started beside the web server by `make demo` (demo_server).
DEMO_BACKGROUND_PROCESSES: list[list[str]] = []

# --- data_exchange ---
# Department services. A connector's URL comes from DATA_EXCHANGE_URL_<CODE>, else from the
# directory file DATA_EXCHANGE_SIMULATOR_STATE_FILE (the URLs the demo's simulator writes; only
# the dev and test settings name one by default). A connector with neither is "not configured".
DATA_EXCHANGE_SIMULATOR_HOST = env_str("DATA_EXCHANGE_SIMULATOR_HOST", "127.0.0.1")
DATA_EXCHANGE_SIMULATOR_BASE_PORT = env_int("DATA_EXCHANGE_SIMULATOR_BASE_PORT", 8700)
DATA_EXCHANGE_SIMULATOR_STATE_FILE = env_str("DATA_EXCHANGE_SIMULATOR_STATE_FILE", "")
# False in production: preflight then refuses connector URLs that point at the simulator.
DATA_EXCHANGE_SIMULATOR_ALLOWED = True
DATA_EXCHANGE_CONNECTOR_URLS = {
    code: env_str(f"DATA_EXCHANGE_URL_{code.upper()}", "")
    for code in ("gongan", "scjg", "rsj", "bdc", "jyj", "mzj", "wjw")
}
DATA_EXCHANGE_TIMEOUT = env_int("DATA_EXCHANGE_TIMEOUT_MS", 3000) / 1000
DATA_EXCHANGE_MAX_RETRIES = env_int("DATA_EXCHANGE_MAX_RETRIES", 3)
DATA_EXCHANGE_RETRY_BACKOFF = env_int("DATA_EXCHANGE_RETRY_BACKOFF_S", 2)
DATA_EXCHANGE_BREAKER_THRESHOLD = env_int("DATA_EXCHANGE_BREAKER_THRESHOLD", 5)
DATA_EXCHANGE_BREAKER_COOLDOWN = env_int("DATA_EXCHANGE_BREAKER_COOLDOWN_S", 30)
DATA_EXCHANGE_RESPONSE_MAX_AGE = env_int("DATA_EXCHANGE_RESPONSE_MAX_AGE_S", 300)
DATA_EXCHANGE_PURGE_AFTER_HOURS = env_int("DATA_EXCHANGE_PURGE_AFTER_HOURS", 24)
# Seed of the demo departments' deterministic Ed25519 keys (simulator and key registry agree).
DATA_EXCHANGE_DEMO_KEY_SEED = env_str("DATA_EXCHANGE_DEMO_KEY_SEED", "ywtb-demo-department-keys")
DEMO_BACKGROUND_PROCESSES.append(["run_department_simulator"])
CELERY_BEAT_SCHEDULE["data-exchange-outbox-redispatch"] = {
    "task": "data_exchange.tasks.outbox_redispatch",
    "schedule": 30.0,
}
CELERY_BEAT_SCHEDULE["data-exchange-purge-unsubmitted"] = {
    "task": "data_exchange.tasks.evidence_purge_unsubmitted",
    "schedule": 3600.0,
}

CELERY_BEAT_SCHEDULE["hall-appointment-reminders"] = {
    "task": "hall.tasks.appointments_remind",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["hall-appointment-no-shows"] = {
    "task": "hall.tasks.appointments_no_show",
    "schedule": 900.0,
}

# --- search / api ---------------------------------------------------------------------------
# Requests per minute per client IP; 0 switches the limit off (e.g. for `make bench`).
SEARCH_RATE_LIMIT_PER_MINUTE = env_int("SEARCH_RATE_LIMIT_PER_MINUTE", 120)
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 300)
# django-ninja serves /api/v1/docs from its bundled Swagger UI (static files, no CDN) when installed.
INSTALLED_APPS = [*INSTALLED_APPS, "ninja"]
NINJA_PAGINATION_PER_PAGE = 20
NINJA_MAX_PER_PAGE_SIZE = 100

# --- printing ---
# Where bin/fetch-fonts (run by `make install`) puts the CJK fonts every PDF embeds.
PRINTING_FONT_DIR = env_str("PRINTING_FONT_DIR", str(BASE_DIR / "vendor" / "fonts"))

# --- applications ---
# Departments whose window clerks accept applications for every department (一窗受理).
APPLICATIONS_ONE_WINDOW_DEPARTMENTS = env_list("APPLICATIONS_ONE_WINDOW_DEPARTMENTS", ["zwfw"])
# Active notification backends (applications.notifications registry): e-mail, SMS, 站内消息.
APPLICATIONS_NOTIFICATION_BACKENDS = env_list(
    "APPLICATIONS_NOTIFICATION_BACKENDS", ["email", "sms", "inbox"]
)
# The public base URL of the portal: QR codes and verification links on documents, links in
# mails and SMS. APPLICATIONS_PUBLIC_BASE_URL is the old name, read as a fallback.
PORTAL_BASE_URL = env_str(
    "PORTAL_BASE_URL", env_str("APPLICATIONS_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
)
APPLICATIONS_PUBLIC_BASE_URL = PORTAL_BASE_URL
# SMS gateway backend (like EMAIL_BACKEND): console (demo default), file (writes to
# APPLICATIONS_SMS_FILE_PATH) or a dotted path to a gateway class.
APPLICATIONS_SMS_BACKEND = env_str("APPLICATIONS_SMS_BACKEND", "applications.sms.ConsoleBackend")
APPLICATIONS_SMS_FILE_PATH = env_str("APPLICATIONS_SMS_FILE_PATH", str(VAR_DIR / "sms"))
# Keys of the demo CA and the departments' signing certificates (private, never committed).
PRINTING_SIGNING_DIR = env_str("PRINTING_SIGNING_DIR", "")
# Public progress look-up: attempts per IP per 10 minutes.
APPLICATIONS_LOOKUP_RATE = env_int("APPLICATIONS_LOOKUP_RATE", 10)
# Hours a submitted case waits for a pending department (数据待返回) before the citizen is
# asked to upload the material instead.
APPLICATIONS_EVIDENCE_PENDING_HOURS = env_int("APPLICATIONS_EVIDENCE_PENDING_HOURS", 24)

# --- services_catalog ---
# Anonymous /services/ pages and guide pages are cached under the catalogue version (bumped on
# every publish/unpublish); this is only the safety-net lifetime of an entry.
SERVICES_CATALOG_PAGE_CACHE_SECONDS = env_int("SERVICES_CATALOG_PAGE_CACHE_SECONDS", 600)
SERVICES_CATALOG_PDF_CACHE_SECONDS = env_int("SERVICES_CATALOG_PDF_CACHE_SECONDS", 86400)
SERVICES_CATALOG_PAGE_SIZE = env_int("SERVICES_CATALOG_PAGE_SIZE", 20)
# Where catalog_version() lives: "file" (VAR_DIR, shared by the processes of one host) or
# "cache" (the shared cache; use it when several hosts serve the portal).
SERVICES_CATALOG_VERSION_STORE = env_str("SERVICES_CATALOG_VERSION_STORE", "file")

# --- policies -------------------------------------------------------------------------------
# Pending policy questions are flagged to the supervisor after 3 working days (hourly check);
# the 免申即享 scan re-checks every business profile once a day.
CELERY_BEAT_SCHEDULE["policies-flag-overdue-questions"] = {
    "task": "policies.tasks.questions_flag_overdue",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["policies-benefit-scan-daily"] = {
    "task": "policies.tasks.benefit_scan_daily",
    "schedule": 86400.0,
}

# --- portal (the four lists) ----------------------------------------------------------------
# 能不能做这个生意? lookups per client IP per minute before a 429 page.
LISTS_LOOKUP_RATE_PER_MINUTE = env_int("LISTS_LOOKUP_RATE_PER_MINUTE", 30)
# Anonymous list pages are cached under a version bumped on every publish/unpublish/delete.
LISTS_PAGE_CACHE_SECONDS = env_int("LISTS_PAGE_CACHE_SECONDS", 600)

# --- worklog (工作记实) ---
# Days work records stay before they are archived (never deleted); at least 180.
WORKLOG_RETENTION_DAYS = max(env_int("WORKLOG_RETENTION_DAYS", 180), 180)
CELERY_BEAT_SCHEDULE["worklog-archive-old-records"] = {
    "task": "worklog.tasks.archive_old_records",
    "schedule": 86400.0,
}
# --- supervision ---
# 黄牌 when this share of the promised time (working days) is used; 红牌 past the deadline.
SUPERVISION_YELLOW_SHARE = env_int("SUPERVISION_YELLOW_PERCENT", 80) / 100
# Dashboards and /statistics/: the period shown when none is asked for, and the longest allowed.
SUPERVISION_DEFAULT_PERIOD_DAYS = env_int("SUPERVISION_DEFAULT_PERIOD_DAYS", 180)
SUPERVISION_MAX_PERIOD_DAYS = env_int("SUPERVISION_MAX_PERIOD_DAYS", 366)
# The beat task recomputes this many recent days of rollups on each run.
SUPERVISION_ROLLUP_REFRESH_DAYS = env_int("SUPERVISION_ROLLUP_REFRESH_DAYS", 2)
# Anonymous /statistics/ (page, CSV, API) is cached this long (figures change every few minutes).
SUPERVISION_STATISTICS_CACHE_SECONDS = env_int("SUPERVISION_STATISTICS_CACHE_SECONDS", 300)
CELERY_BEAT_SCHEDULE["supervision-rollups-refresh"] = {
    "task": "supervision.tasks.rollups_refresh",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["supervision-warnings-raise"] = {
    "task": "supervision.tasks.warnings_raise",
    "schedule": 900.0,
}

# --- participation (appeals, consultations, notices) ----------------------------------------
# 退单时限: a department may return a wrongly dispatched appeal within this many working hours.
PARTICIPATION_RETURN_WINDOW_HOURS = env_int("PARTICIPATION_RETURN_WINDOW_HOURS", 8)
# Look-ups of an appeal by number + phone, per client IP per 10 minutes.
PARTICIPATION_LOOKUP_RATE = env_int("PARTICIPATION_LOOKUP_RATE", 10)
# Web appeals per client IP per hour (anonymous and signed-in).
PARTICIPATION_SUBMIT_RATE = env_int("PARTICIPATION_SUBMIT_RATE", 30)
# The emergency banner is re-read at most this often per process (cached pages included).
PARTICIPATION_BANNER_SECONDS = env_int("PARTICIPATION_BANNER_SECONDS", 30)
CELERY_BEAT_SCHEDULE["participation-flag-deadlines"] = {
    "task": "participation.appeals.tasks.deadlines_flag",
    "schedule": 900.0,
}
