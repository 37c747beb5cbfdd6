"""What the registry's screens share: paging, the guard of every page of personal data, and
the checks that a union or a record is within the user's reach."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from places.models import Area
from portal.roles import can_view_personal_data

PAGE_SIZE = 50


def paginate(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def personal(view):
    """Login required, never cached by a browser or proxy, and not indexed."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(never_cache(wrapped))


def lgi_or_403(request, key):
    lgi = get_object_or_404(Area.objects.lgis().select_related("upazila", "district"), key=key)
    if not can_view_personal_data(request.user, lgi):
        raise PermissionDenied
    return lgi


def in_reach_or_404(request, lgi):
    # 404 rather than 403 for a record: whether it exists is not for other unions to learn.
    if not can_view_personal_data(request.user, lgi):
        raise Http404
