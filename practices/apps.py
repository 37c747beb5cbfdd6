from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self):
        from django.db.models.signals import post_migrate

        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from portal import headlines, public

        from . import editorial, pages, signals, stats  # noqa: F401 (they connect and register)
        from .policy import ScopedPagePermissionPolicy

        public.shows(apps=["practices"])
        headlines.register(stats.figures)

        register_permission_policy(Page, ScopedPagePermissionPolicy(Page))

        # After the portal's roles exist (portal comes first in INSTALLED_APPS).
        post_migrate.connect(editorial.ensure_after_migrate, sender=self)
