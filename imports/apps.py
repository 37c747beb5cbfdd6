from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: uploaded files that hold personal data do not linger (imports/jobs.py).
BEAT_SCHEDULE = {
    "imports-purge-stale-uploads": {
        "task": "imports.tasks.purge_stale_uploads",
        "schedule": {"minute": "10", "hour": "1"},
    },
}


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from django.db.models.signals import post_delete
        from django.utils.module_loading import autodiscover_modules

        from portal.celery import add_beat_entries

        from .models import ImportJob, delete_job_files

        post_delete.connect(delete_job_files, sender=ImportJob)
        # Each app's importers register themselves when their module is imported.
        autodiscover_modules("importers")
        add_beat_entries(BEAT_SCHEDULE)
