from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: a nightly full rebuild of the dashboard figures, a safety net for bulk writes
# that bypass model signals.
BEAT_SCHEDULE = {
    "dashboards-rebuild-figures": {
        "task": "dashboards.tasks.rebuild_figures",
        "schedule": {"minute": "45", "hour": "3"},
    },
}


def beat_schedule():
    from celery.schedules import crontab

    return {
        name: {**entry, "schedule": crontab(**entry["schedule"])}
        for name, entry in BEAT_SCHEDULE.items()
    }


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from hlp_site.celery import app

        from . import signals  # noqa: F401

        app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), **beat_schedule()}
