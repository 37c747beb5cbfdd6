from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: uploaded files that hold personal data do not linger, and jobs whose server
# stopped are failed so that they can be tried again (imports/jobs.py).
BEAT_SCHEDULE = {
    "imports-purge-stale-uploads": {
        "task": "imports.tasks.purge_stale_uploads",
        "schedule": {"minute": "10", "hour": "1"},
    },
    "imports-fail-stuck-jobs": {
        "task": "imports.tasks.fail_stuck_jobs",
        "schedule": {"minute": "*/15"},
    },
}


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from django.db.models.signals import post_delete
        from django.utils.module_loading import autodiscover_modules

        from portal.celery import add_beat_entries

        from . import checks  # noqa: F401  (registers the system check)
        from .models import ImportJob, delete_job_files

        post_delete.connect(delete_job_files, sender=ImportJob)
        # Each app's importers register themselves when their module is imported.
        autodiscover_modules("importers")
        add_beat_entries(BEAT_SCHEDULE)
