from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HlpSiteConfig(AppConfig):
    name = "hlp_site"
    verbose_name = _("Portal site")
