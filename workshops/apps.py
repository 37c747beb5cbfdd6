from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

# Celery beat entries of the workshops app, added to the Celery app's schedule at start.
BEAT_SCHEDULE = {
    # A workshop published ahead of its day nominates its practices on the day.
    "workshops-record-due-nominations": {
        "task": "workshops.tasks.record_due_nominations",
        "schedule": {"minute": "5", "hour": "0"},
    },
}


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from wagtail.signals import page_published

        from portal import public
        from portal.celery import add_beat_entries
        from practices import sections

        from . import pages, signals  # noqa: F401 (pages registers its builder)
        from .models import WorkshopIndexPage, WorkshopPage
        from .queries import practice_section

        add_beat_entries(BEAT_SCHEDULE)
        page_published.connect(signals.workshop_published, sender=WorkshopPage)
        post_save.connect(signals.workshop_index_saved, sender=WorkshopIndexPage)
        public.shows(apps=["workshops"])
        sections.register("workshops/includes/practice_workshops.html", practice_section)
