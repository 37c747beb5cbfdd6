"""The Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")

app = Celery("hlp_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
