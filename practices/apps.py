from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import editorial, signals  # noqa: F401

        # After the portal's roles exist (hlp_site comes first in INSTALLED_APPS).
        post_migrate.connect(editorial.ensure_after_migrate, sender=self)
