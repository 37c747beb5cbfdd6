import os

# `celery -A hlp_site` starts here: Django's settings must be named before the app reads them.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")

from portal.celery import app as celery_app

__all__ = ("celery_app",)
