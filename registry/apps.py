from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat entries of the registry, added to the Celery app's schedule when Django starts.
BEAT_SCHEDULE = {
    # Daily through January rather than once on the 1st, so a beat that was down that day
    # still opens the cycle; the task is a no-op once this year's cycle is open.
    "registry-open-update-cycle": {
        "task": "registry.tasks.open_update_cycle",
        "schedule": {"minute": "15", "hour": "0", "day_of_month": "*", "month_of_year": "1"},
    },
    "registry-detect-duplicates": {
        "task": "registry.tasks.detect_duplicates",
        "schedule": {"minute": "30", "hour": "2"},
    },
    "registry-forget-old-merges": {
        "task": "registry.tasks.forget_old_merges",
        "schedule": {"minute": "45", "hour": "2"},
    },
}


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal.celery import add_beat_entries

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .models import ensure_standard_programmes

        add_beat_entries(BEAT_SCHEDULE)
        post_migrate.connect(ensure_standard_programmes, sender=self)
