from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Places")

    def ready(self):
        from portal import headlines, public

        from .models import headline_figures

        public.shows(apps=["places"])
        headlines.register(headline_figures)
