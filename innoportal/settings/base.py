"""Settings shared by every environment.

Configuration comes from environment variables with embedded defaults, so a fresh clone runs with
nothing set: SQLite, Wagtail's database search backend, local-memory cache and console email.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from search.elasticsearch_settings import from_environment as search_backends_from_environment

from .storage import media_storage

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    value = os.environ.get(name, "")
    return value if value else default


INSTALLED_APPS = [
    "innoportal",
    "accounts",
    "home",
    "catalogue",
    "pagecache",
    "search",
    "innozone",
    "innodays",
    "notifications",
    "submissions",
    "matching",
    "opendata",
    "portal_statistics",
    "apidocs",
    "procurement",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "django.contrib.sitemaps",
    "wagtail.contrib.table_block",
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
    "rest_framework",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # `make run` serves static files through WhiteNoise too
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "health.middleware.HealthChecks",  # /healthz and /readyz: first, so no host check, redirect or cache applies
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before anything that reads the session
    "pagecache.middleware.PageCache",  # kept answers, served without the rest of the stack
    "innoportal.middleware.ContentSecurityPolicy",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "innoportal.middleware.PortalLocaleMiddleware",
    "innoportal.middleware.ConvertedLanguages",
    "innoportal.middleware.RefuseNullCharacters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "innoportal.middleware.RequestMemo",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminTwoFactor",
    "axes.middleware.AxesMiddleware",  # turns a refused log-in into the "try again later" page
    "search.middleware.SearchEngineUnavailable",  # last: the first to see an exception
]

ROOT_URLCONF = "innoportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "innoportal.wsgi.application"

# DATABASE_URL switches to PostgreSQL (postgres://user@host:5432/name); SQLite file by default.
# Connections are kept for a minute and checked before a request reuses one, so that after a database
# restart no worker's first request fails on a connection the server has closed.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site and the task worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Logs go to standard error, one JSON object per line (a traceback included), for the process manager
# or log collector to keep: errors of every kind, requests refused, workers' work. LOG_LEVEL to change.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        "fontTools": {"level": "WARNING"},  # it reports every glyph of every font subset in a PDF at INFO
        "opensearch": {"level": "WARNING"},  # the search engine's clients log every request at INFO
        "elastic_transport": {"level": "WARNING"},
    },
}

CACHE_URL = env("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "innoportal.redis_cache.RedisCache", "LOCATION": CACHE_URL},
        "pages": {"BACKEND": "innoportal.redis_cache.RedisCache", "LOCATION": CACHE_URL},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Files, not process memory: `make run`'s server, task worker and manage.py commands share them,
        # so a page published by any of them is purged for all.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Sessions: in the database (default); SESSION_STORE=cached_db reads them from the cache (Redis) and
# writes both, so they survive a Redis restart; SESSION_STORE=cache keeps them in the cache only.
SESSION_STORE = env("SESSION_STORE", "db")
if SESSION_STORE not in ("db", "cached_db", "cache"):
    raise ImproperlyConfigured(f"SESSION_STORE is db, cached_db or cache, not {SESSION_STORE!r}")
SESSION_ENGINE = f"django.contrib.sessions.backends.{SESSION_STORE}"

# /readyz (health/): seconds the search engine gets to answer, and how long the oldest task due may wait
# for a db_worker before the task queue counts as failing (0: never).
READYZ_TIMEOUT = float(env("READYZ_TIMEOUT", "2"))
READYZ_TASK_MAX_AGE = int(env("READYZ_TASK_MAX_AGE", "900"))

# Whole public responses for anonymous visitors (pagecache), purged exactly when content changes.
PAGE_CACHE = env("PAGE_CACHE", "on") != "off"
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", str(24 * 3600)))
PAGE_CACHE_NEVER = ("/admin/", "/django-admin/", "/documents/", "/i18n/", "/static/", "/media/", "/api/search/suggest/")
PAGE_CACHE_PURGE_AT_ONCE = False  # True in tests, whose transactions never commit
PAGE_CACHE_ROUTES = ("", "report/", "calendar/")  # routes of pages that are the same for everyone
PAGE_CACHE_NEVER_PARTS = ("/accounts/", "/my/", "/alerts/confirm/", "/alerts/manage/", "/innodays/cancel/")
# Wagtail's frontend-cache invalidation: the page cache always; a caching proxy or CDN in front of
# the site too when FRONTEND_CACHE_PURGE_URL is set (HTTP PURGE, e.g. Varnish or nginx): several
# proxies separated by commas, each purged (pagecache/proxies.py).
WAGTAILFRONTENDCACHE = {"shared": {"BACKEND": "pagecache.backends.SharedCacheBackend"}}
for _n, _location in enumerate(u.strip() for u in env("FRONTEND_CACHE_PURGE_URL", "").split(",") if u.strip()):
    WAGTAILFRONTENDCACHE[f"proxy{_n + 1}"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _location,
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages, each under its own URL prefix (/en/, /zh-hant/, /zh-hans/); innoportal.languages uses them.
# Content is written in English and Traditional Chinese; Simplified Chinese is the Traditional converted
# (OpenCC, Hong Kong variant to Simplified): editors never keep a third copy.
LANGUAGE_CODE = "en"
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("zh-hant", "繁體中文")]
CONVERTED_LANGUAGES = {"zh-hans": {"from": "zh-hant", "table": "hk2s"}}
LANGUAGES = [*WAGTAIL_CONTENT_LANGUAGES, ("zh-hans", "简体中文")]
LANGUAGE_NAMES_SHORT = {"en": "English", "zh-hant": "繁", "zh-hans": "简"}  # the switcher: English / 繁 / 简
LANGUAGE_TAGS = {"en": "en-HK", "zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans"}  # for lang and hreflang
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["innoportal.formats"]  # Hong Kong dates and numbers: 31 December 2026, 2026年12月31日
USE_I18N = True
TIME_ZONE = "Asia/Hong_Kong"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there (collectstatic fills it in production)
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# SERVE_MEDIA=1: the application serves MEDIA_ROOT itself, for a caching proxy to keep (deploy/'s stack).
SERVE_MEDIA = env("SERVE_MEDIA", "0") == "1"
# Uploads under review (submissions' photos and documents) live outside MEDIA_ROOT: no web server serves
# them; only the submissions app does, to their author and the reviewers.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": media_storage(env),  # MEDIA_ROOT, or object storage with MEDIA_STORAGE=s3 (settings/storage.py)
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/no-public-url/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: EMAIL_URL (smtp://user:pass@host:port, or console:) ; console by default.
EMAIL_URL = env("EMAIL_URL", "console:")
if EMAIL_URL.startswith("smtp"):
    from urllib.parse import unquote, urlparse

    _email = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = EMAIL_URL.startswith("smtp+tls")
    EMAIL_TIMEOUT = 30  # seconds: a hung mail server must not hold a task (and its claimed alerts) forever
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "E&M InnoPortal <innoportal@example.gov.hk>")

# Background work: django-tasks with the database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Wagtail
WAGTAIL_SITE_NAME = "E&M InnoPortal"
# A submission's page gets its date, photos and documents at the end of its vetting, then is published.
WAGTAIL_FINISH_WORKFLOW_ACTION = "submissions.finish.publish_when_vetted"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "webm", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# The database's own search unless OPENSEARCH_URL or ELASTICSEARCH_URL is set (README: Search engines).
WAGTAILSEARCH_BACKENDS = search_backends_from_environment(env)
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

from .accounts import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403

PORTAL_PAGE_SIZE = 12
# Paths outside the /en/, /zh-hant/ and /zh-hans/ page trees: never redirected to a language prefix.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/i18n/",
    "/sitemap.xml",
    "/robots.txt",
)

# InnoDays: personal data of registrations is removed this many days after an InnoDay ends.
INNODAY_ANONYMISE_AFTER_DAYS = int(env("INNODAY_ANONYMISE_AFTER_DAYS", "90"))
# Registration attempts per visitor IP address: "COUNT/SECONDS", or "off".
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", "10/600")

# Alerts (notifications): subscription attempts per visitor IP address, "COUNT/SECONDS" or "off".
ALERTS_RATE_LIMIT = env("ALERTS_RATE_LIMIT", "10/600")
ENQUIRY_RATE_LIMIT = env("ENQUIRY_RATE_LIMIT", "5/600")  # Contact us: enquiries per network
# My InnoPortal: saves and sendings of submissions per visitor IP address, "COUNT/SECONDS" or "off".
SUBMISSIONS_RATE_LIMIT = env("SUBMISSIONS_RATE_LIMIT", "60/3600")
# Days a confirmation link works; unconfirmed requests are deleted after that.
ALERTS_CONFIRM_DAYS = int(env("ALERTS_CONFIRM_DAYS", "7"))
# Alerts claimed per batch, over one SMTP connection; sender tasks per new item (one per worker is enough).
ALERTS_BATCH_SIZE = int(env("ALERTS_BATCH_SIZE", "100"))
ALERTS_PARALLEL_SENDERS = int(env("ALERTS_PARALLEL_SENDERS", "2"))
# Seconds after which alerts still "being sent" are taken to belong to a worker that died.
ALERTS_CLAIM_TIMEOUT = int(env("ALERTS_CLAIM_TIMEOUT", "600"))
