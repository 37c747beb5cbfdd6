"""Pages closed to the public (Wagtail's view restrictions), checked without a query while there
are none, which is how the portal runs: every page view otherwise asks the database twice, for
the page's ancestors and for their restrictions, and every listing of public pages once.

Whether any restriction exists is kept in the shared cache, dropped as soon as one is saved or
deleted, and at most a minute old (a web process whose cache is its own may not hear of a change
made by another until then)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction

KEY = "portal:view-restrictions-exist"
SECONDS = 60


def any_exist():
    exist = cache.get(KEY)
    if exist is None:
        exist = PageViewRestriction.objects.exists()
        cache.set(KEY, exist, SECONDS)
    return exist


def public(pages):
    """`pages.public()`, without asking for restrictions while there are none."""
    return pages.public() if any_exist() else pages


def _forget(**kwargs):
    cache.delete(KEY)


post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="portal-restrictions-saved")
post_delete.connect(_forget, sender=PageViewRestriction, dispatch_uid="portal-restrictions-gone")


class CheapViewRestrictions:
    """For page models: `get_view_restrictions()` answers from the cache while none exist."""

    def get_view_restrictions(self):
        if not any_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
