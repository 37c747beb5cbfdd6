from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from django.db.models.signals import post_delete
        from django.utils.module_loading import autodiscover_modules

        from .models import ImportJob, delete_job_files

        post_delete.connect(delete_job_files, sender=ImportJob)
        # Each app's importers register themselves when their module is imported.
        autodiscover_modules("importers")
