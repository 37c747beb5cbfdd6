from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from . import lookups, public, roles  # noqa: F401 (lookups registers field__any)
        from .fields import use_bangla_digits_in_admin_forms
        from .slugs import replace_junk_slug

        use_bangla_digits_in_admin_forms()
        pre_save.connect(replace_junk_slug, dispatch_uid="portal.slugs.replace_junk_slug")

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
        # Public pages show the portal's settings, tags, images and documents, the sites and
        # which pages are restricted; a rendition is made by a page view and a profile is not
        # shown to anyone.
        public.shows(
            apps=["taggit", "wagtailimages", "wagtaildocs"],
            models=[
                "portal.PortalSettings",
                "wagtailcore.Site",
                "wagtailcore.PageViewRestriction",
            ],
            except_models=["portal.UserProfile", "wagtailimages.Rendition"],
        )
        public.connect()
