"""Who follows what, and the one place that names a followable thing from a request."""

from django.apps import apps
from django.core.cache import cache
from django.http import Http404

from .events import FOLLOWS_KEY
from .models import TARGETS, Follow


def target_of(kind, pk):
    """The followable object of this kind and id; 404 for anything else or anything a visitor
    may not see (a page not published)."""
    if kind not in TARGETS or not str(pk).isdigit():
        raise Http404
    model = apps.get_model(TARGETS[kind])
    objects = model.objects.all()
    if kind in ("practice", "curated_list"):
        objects = objects.live().public()
    obj = objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def target_url(kind, target):
    """The page of a followable thing: a theme's is the catalogue filtered by it."""
    if kind == "theme":
        from practices.models import PracticeIndexPage

        catalogue = PracticeIndexPage.objects.live().first()
        return f"{catalogue.url}?theme={target.slug}" if catalogue else "/"
    if kind == "area":
        return target.get_absolute_url()
    return target.url


def target_name(target):
    return getattr(target, "display_title", None) or getattr(target, "name", None) or str(target)


def followed(user):
    """{(kind, id)} the user follows, kept in the cache until they follow or unfollow."""
    if not user.is_authenticated:
        return frozenset()
    key = FOLLOWS_KEY.format(user.pk)
    found = cache.get(key)
    if found is None:
        found = set()
        for row in Follow.objects.filter(user=user).values(*TARGETS):
            found.update((kind, pk) for kind, pk in row.items() if pk is not None)
        cache.set(key, found, 24 * 3600)
    return found


def set_following(user, kind, target, follow):
    if follow:
        Follow.objects.get_or_create(user=user, **{kind: target})
    else:
        Follow.objects.filter(user=user, **{kind: target}).delete()
    cache.delete(FOLLOWS_KEY.format(user.pk))
