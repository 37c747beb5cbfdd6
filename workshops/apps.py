from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from wagtail.signals import page_published

        from portal import public
        from practices import sections

        from . import pages, signals  # noqa: F401 (pages registers its builder)
        from .models import WorkshopIndexPage, WorkshopPage
        from .queries import practice_section

        page_published.connect(signals.workshop_published, sender=WorkshopPage)
        post_save.connect(signals.workshop_index_saved, sender=WorkshopIndexPage)
        public.shows(apps=["workshops"])
        sections.register("workshops/includes/practice_workshops.html", practice_section)
