"""Settings shared by every shape of the portal.

Every external service comes from an environment variable and has an embedded default, so an
empty environment runs the whole portal on one machine: SQLite, database search, Celery eager.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "hlp_site"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Only the embedded default may fall back to this; production refuses it (see production.py).
DEFAULT_SECRET_KEY = "insecure-embedded-default-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "hlp_site",
    "places",
    "practices",
    "workshops",
    "registry",
    "dashboards",
    "following",
    "search",
    "imports",
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
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hlp_site.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hlp_site.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hlp_site.languages.PortalLanguageMiddleware",
    "hlp_site.security.LoginThrottleMiddleware",
    "hlp_site.security.AdminReachMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hlp_site.urls"
WSGI_APPLICATION = "hlp_site.wsgi.application"

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
                "hlp_site.context_processors.portal",
                "hlp_site.context_processors.account",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer (web + eager tasks) without "database is locked": readers
    # never wait (WAL); a writer waits for the one before it (every transaction takes the
    # write lock at its start, so none has to upgrade a read and fail) for up to `timeout`
    # seconds. An import's commit holds the lock for at most three quarters of that
    # (imports.committing), so a sign-in or an access-log entry behind it waits, never fails.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 300,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bangla first: unprefixed URLs are Bangla, English lives under /en/.
LANGUAGE_CODE = "bn"
LANGUAGES = [("bn", "বাংলা"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Dhaka"
USE_I18N = True
USE_TZ = True
# Numbers are formatted by our own filters (lakh/crore grouping, Bangla digits).
USE_THOUSAND_SEPARATOR = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files that only their owners may reach (import uploads and error reports): outside MEDIA_ROOT
# and anything a web server serves. Unset: a folder "private" beside MEDIA_ROOT (imports.storage).
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "পারস্পরিক শিখন কর্মসূচি (HLP)"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Slugs are Latin: the browser leaves Bangla out and the server spells it (portal.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Wagtail's search (admin page search, choosers, snippet listings, Page.objects.search()) reads
# Bangla as the public search does, on the same engine: Elasticsearch when ELASTICSEARCH_URL is
# set (indices "<SEARCH_INDEX_PREFIX>-admin-…"), else the database (search.wagtail).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail"}}

# Search service (search/): Elasticsearch when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "hlp")
# How long the index's vocabulary (typo corrections) is taken as current without asking.
SEARCH_VOCABULARY_SECONDS = 5.0

# Email (the notification digests, following/): SMTP when EMAIL_HOST is set, else each message
# is printed to the console, as on a newcomer's machine.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "HLP Knowledge Portal <noreply@localhost>"
)

# Celery: eager (inline) unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Key for the registry's keyed hash of identity numbers. The embedded default is for demo data only.
REGISTRY_ID_KEY = os.environ.get("REGISTRY_ID_KEY", "embedded-default-registry-key")
# How long a merge of two person records keeps what it changed, so that it can be undone; then
# the removed record's personal data is deleted (registry.tasks.forget_old_merges, daily).
REGISTRY_MERGE_UNDO_DAYS = int(os.environ.get("REGISTRY_MERGE_UNDO_DAYS", "90"))

# An open data download of this many rows or more shows its progress on the table's page
# (dashboards/static/dashboards/downloads.js): its first Excel file takes a second or more to
# make, and a slow connection a while longer to bring.
DOWNLOAD_PROGRESS_ROWS = 2000

# Sessions are read from the cache (written through to the database, read from it when the
# cache has lost them or Redis is gone): a signed-in user's page does not wait on the database
# for them.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CACHES = {
    "default": (
        {
            # Fails soft: with Redis gone, pages are made from the database (hlp_site/cache.py).
            "BACKEND": "hlp_site.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Whole public pages for visitors who are not signed in, kept per data version (pagecache.py);
# 0 turns this off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The parts of a page that change only with the data version (a practice's replications, budget
# and workshops), kept per version for signed-in users too, whose pages are made afresh.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", str(24 * 3600)))

# One sign-in page for the portal and the admin (hlp_site.accounts); Wagtail's own address
# redirects to it.
LOGIN_URL = "sign_in"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "sign_in"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Failed sign-ins are counted per username and address in the default cache (see security.py):
# with several web processes, set REDIS_URL so they share the counts.
AUTHENTICATION_BACKENDS = ["hlp_site.security.ThrottledModelBackend"]
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_FAILURES_PER_ADDRESS = 30
LOGIN_THROTTLE_WINDOW = 15 * 60
# Reverse proxies in front of the portal; their X-Forwarded-For entries name the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

PORTAL_NAME = _("Horizontal Learning Program")

# Open data API (dashboards/api): read-only, documented by drf-spectacular.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {"PREPROCESSING_HOOKS": ["hlp_site.schema.open_data_endpoints"]}
