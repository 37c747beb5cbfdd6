"""The Celery app, configured from Django settings (CELERY_* names)."""

from celery import Celery

app = Celery("hlp")
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
