from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: the registry's figures copied again within minutes of a bulk import (a cheap
# check when nothing changed), and a nightly full rebuild, a safety net for any other bulk write
# that bypasses model signals.
BEAT_SCHEDULE = {
    "dashboards-copy-registry-figures": {
        "task": "dashboards.tasks.copy_registry_figures",
        "schedule": {"minute": "*/5"},
    },
    # The open data files of a new data version made before a visitor asks for them.
    "dashboards-prepare-downloads": {
        "task": "dashboards.tasks.prepare_downloads",
        "schedule": {"minute": "*/5"},
    },
    "dashboards-rebuild-figures": {
        "task": "dashboards.tasks.rebuild_figures",
        "schedule": {"minute": "45", "hour": "3"},
    },
}


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from portal import public
        from portal.celery import add_beat_entries

        from . import pages, signals, versions  # noqa: F401 (they connect and register)

        add_beat_entries(BEAT_SCHEDULE)
        # The dashboards keep the data version beside the figures they cache under it.
        public.keep_version_in(versions)
