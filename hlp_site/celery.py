"""The Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")

app = Celery("hlp_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def add_beat_entries(entries):
    """Add an app's beat entries to the schedule; each entry's `schedule` is the keyword
    arguments of a crontab, so an app's schedule reads as data."""
    from celery.schedules import crontab

    app.conf.beat_schedule = {
        **(app.conf.beat_schedule or {}),
        **{
            name: {**entry, "schedule": crontab(**entry["schedule"])}
            for name, entry in entries.items()
        },
    }
