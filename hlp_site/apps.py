from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HlpSiteConfig(AppConfig):
    name = "hlp_site"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import lookups, pagecache, roles  # noqa: F401 (lookups registers field__any)

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        pagecache.connect()
