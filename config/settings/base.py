"""Settings shared by every environment. Environment-specific modules import * from here.

Split by concern: the framework's settings (Django, Wagtail, allauth, Celery, cache, static
files, mail, security headers, logging) are in config/settings/core.py; below are the apps' own
settings, one block per app (`# --- <app> ---`). Every value that differs between deployments is
read through config.env; see docs/configuration.md for the full list.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from config.env import env_int, env_list, env_str
from config.settings.core import *  # noqa: F403
from config.settings.core import BASE_DIR, CELERY_BEAT_SCHEDULE, INSTALLED_APPS, VAR_DIR

# Packages whose load(*, stdout) builds demo content (load_demo_data), in the order of the
# arrows of docs/architecture.md: each demo builds only on the demos listed before it
# (tests/test_demo_layout.py). search rebuilds its index from the catalogue and the lists.
DEMO_DATA_LOADERS = [
    "accounts.demo",
    # Before the catalogue: keys and internal rules; the catalogue's demo files its guides'
    # sharing agreements through data_exchange's services before publishing them.
    "data_exchange.demo",
    "services_catalog.demo",
    "portal.demo",
    "search.demo",
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
    (gettext_noop("通知公告"), "/notices/"),
    (gettext_noop("征求意见"), "/consultations/"),
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
# Anonymous whole-page cache of the home page, the policy channel, /ratings/ and /progress/
# (config/pagecache.py); publishing makes the next request fresh whatever this is.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)
# How long the home page's 热门服务 (counted from submitted applications) is kept.
PORTAL_POPULAR_CACHE_SECONDS = env_int("PORTAL_POPULAR_CACHE_SECONDS", 900)
PORTAL_POPULAR_DAYS = env_int("PORTAL_POPULAR_DAYS", 30)
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
# Publishers are reminded 30 days before a policy's validity ends (once per expiry date).
CELERY_BEAT_SCHEDULE["policies-remind-expiring"] = {
    "task": "policies.tasks.policies_remind_expiring",
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
# Appeal categories and the dispatch catalogue are kept per process; a change made in another
# process is seen within this many seconds (participation/appeals/catalogue.py).
PARTICIPATION_CATALOGUE_CHECK_SECONDS = env_int("PARTICIPATION_CATALOGUE_CHECK_SECONDS", 5)
CELERY_BEAT_SCHEDULE["participation-flag-deadlines"] = {
    "task": "participation.appeals.tasks.deadlines_flag",
    "schedule": 900.0,
}
# 热点诉求 counters: catch up appeals whose counting task was lost (idempotent).
CELERY_BEAT_SCHEDULE["participation-hot-topics-catch-up"] = {
    "task": "participation.appeals.tasks.hot_topics_catch_up",
    "schedule": 600.0,
}
