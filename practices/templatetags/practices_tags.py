"""Pieces of the practices catalogue shown on other apps' pages."""

from django import template
from django.db.models import Prefetch

from ..models import CuratedListItem, CuratedListPage

register = template.Library()

HOME_PREVIEW = 5


@register.inclusion_tag("practices/includes/home_lists.html", takes_context=True)
def home_curated_lists(context):
    """NILG's curated lists marked for the home page, each with its first few practices."""
    items = (
        CuratedListItem.objects.filter(practice__live=True)
        .select_related("practice")
        .order_by("sort_order")
    )
    lists = list(
        CuratedListPage.objects.live()
        .filter(show_on_home_page=True)
        .order_by("path")
        .prefetch_related(Prefetch("items", queryset=items, to_attr="live_items_list"))
    )
    for curated in lists:
        curated.item_count = len(curated.live_items_list)
        curated.preview = curated.live_items_list[:HOME_PREVIEW]
    return {"lists": lists, "request": context.get("request")}
