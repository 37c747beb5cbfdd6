"""An Atom feed of each followable thing's public events, for anyone, in Bangla or English
(the address's language prefix chooses, as for every page)."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from places.models import Area
from practices.models import CuratedListItem, PracticePage

from .events import RELATED, describe, page_of, visible
from .follows import target_name, target_of, target_url
from .models import FOR_THE_LGI, Event

ITEMS = 50


def events_about(kind, target):
    """The events a follower of this thing is told of (the inverse of `events.followers_of`)."""
    if kind == "area":
        within = Area.objects.within(target).values("pk")
        condition = Q(lgi__in=within) | Q(lgi=None, practice__lgi__in=within)
    else:
        if kind == "practice":
            practices = Q(pk=target.pk)
        elif kind == "theme":
            practices = Q(theme=target)
        else:
            practices = Q(
                pk__in=CuratedListItem.objects.filter(curated_list=target).values("practice")
            )
        ids = PracticePage.objects.filter(practices).values("pk")
        condition = Q(practice__in=ids) | Q(circular__practices__in=ids)
    return visible(Event.objects.filter(condition).exclude(kind__in=FOR_THE_LGI)).distinct()


class FollowFeed(Feed):
    """The feed's language is the address's (Django's feeds take the active language)."""

    feed_type = Atom1Feed

    def get_object(self, request, kind, pk):
        return kind, target_of(kind, pk)

    def title(self, obj):
        _kind, target = obj
        return _("HLP Knowledge Portal: news of “%(name)s”") % {"name": target_name(target)}

    def link(self, obj):
        return target_url(*obj)

    def subtitle(self, obj):
        return _("Publications, replications, best practices, circulars and workshop decisions.")

    def items(self, obj):
        kind, target = obj
        return list(
            events_about(kind, target)
            .select_related(*RELATED)
            .order_by("-created_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return describe(item)

    def item_description(self, item):
        return item.get_kind_display()

    def item_link(self, item):
        page = page_of(item)
        return f"{page.url}#event-{item.pk}" if page is not None else "/"

    def item_guid(self, item):
        return f"hlp-event-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at
