"""Scaled deployment: every service from the environment, no fallback for any secret."""

import os

from django.core.exceptions import ImproperlyConfigured

from registry import keys as registry_keys

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEFAULT_SECRET_KEY, SECRET_KEY, env_bool

DEBUG = False

# Production refuses to start rather than run with a secret anyone can read in this repository,
# or with a setting whose safe value depends on the deployment (the proxies in front).

if not SECRET_KEY or SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters for production."
    )
_id_key = os.environ.get("REGISTRY_ID_KEY", "")
if registry_keys.weak_id_key(_id_key):
    raise ImproperlyConfigured(
        f"Set REGISTRY_ID_KEY to a random value of at least {registry_keys.MIN_LENGTH} characters "
        "for production: it keys the hash that matches identity numbers."
    )
_encryption_keys = registry_keys.split_keys(os.environ.get("REGISTRY_ENCRYPTION_KEY"))
if not _encryption_keys or any(
    registry_keys.weak_encryption_key(key, _id_key) for key in _encryption_keys
):
    raise ImproperlyConfigured(
        f"Set REGISTRY_ENCRYPTION_KEY for production: random keys of at least "
        f"{registry_keys.MIN_LENGTH} characters, comma-separated, each different from "
        "REGISTRY_ID_KEY (the first encrypts identity numbers, all decrypt)."
    )
# Behind a reverse proxy every request comes from the proxy's address: counting failed
# sign-ins per address would then lock everyone out at once. Say how many proxies there are
# (0 when clients connect to gunicorn directly).
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip().isdigit():
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXY_COUNT for production: the number of reverse proxies in front of the "
        "portal (1 behind one nginx or load balancer; 0 when clients connect directly)."
    )
# Wagtail builds absolute admin addresses from this; the public pages' policy allows scripts
# from its origin, so it never defaults to a development address here.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""
)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 8 * 60 * 60

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
