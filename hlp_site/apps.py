from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HlpSiteConfig(AppConfig):
    name = "hlp_site"
    verbose_name = _("Portal site")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .context_processors import remember_account

        user_logged_in.connect(remember_account, dispatch_uid="hlp_site.remember_account")
