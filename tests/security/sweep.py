"""Enumerate every URL pattern of the site from the URL conf and make concrete URLs for it,
with parameters that point at union B's objects.

A parameter is filled by what its route says it is: the literal segment before it
(`households/<int:pk>` is B's household) or, in the admin, the model the route belongs to
(`snippets/registry/person/edit/<pk>` is B's person). A pattern of the site's own apps whose
parameters cannot be filled is reported, so a new URL is either covered or explained.

The admin's explorer is opened at every page of the site. Admin URLs that take their objects
from the query string get them there (`query_urls`): every bulk action with many ids, A's and
B's mixed (and "select all" in the catalogue), the page chooser's search for B's draft titles and
its chosen pages, the page search, and the tag suggestions for the prefix of B's draft tags.
"""

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

# Admin pages of data that belongs to no LGI (images, users, sites, redirects …) are
# Wagtail's and Django's own, tested upstream.
ADMIN_SCOPE = re.compile(
    r"^(admin/|django-admin/)$"
    r"|^admin/(pages|reports|workflows|bulk|choose-page|tag-autocomplete)\b"
    r"|(practices|registry|imports|workshops|dashboards|places|hlp_site|search)\b"
)

# Patterns that cannot be given a foreign LGI's object, and why.
UNFILLABLE = {
    "wagtailcore_authenticate_with_password": "needs a page view restriction; none is used",
    "wagtaildocs_authenticate_with_password": "needs a collection view restriction; none is used",
    "django-admin:view_on_site": "redirect helper taking a content type and any object id",
}


@dataclass
class Route:
    route: str
    name: str | None
    params: list
    i18n: bool

    @property
    def admin(self):
        return self.route.startswith(("admin/", "django-admin/"))


def _params(pattern):
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        named = list(regex.groupindex)
        return named or [f"_{index}" for index in range(regex.groups)]
    return []


def routes():
    """Every URL pattern as a Route: its full route text, qualified name and parameters."""

    def walk(patterns, prefix, namespace, params, i18n):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                is_locale = isinstance(pattern.pattern, LocalePrefixPattern)
                child_namespace = namespace
                if pattern.namespace:
                    child_namespace = f"{namespace}{pattern.namespace}:"
                yield from walk(
                    pattern.url_patterns,
                    prefix + ("" if is_locale else str(pattern.pattern)),
                    child_namespace,
                    params + _params(pattern.pattern),
                    i18n or is_locale,
                )
            else:
                name = f"{namespace}{pattern.name}" if pattern.name else None
                yield Route(
                    prefix + str(pattern.pattern), name, params + _params(pattern.pattern), i18n
                )

    return list(walk(get_resolver().url_patterns, "", "", [], False))


def _segment_before(route, param):
    marker = re.search(rf"(<(?:\w+:)?{param}>|\(\?P<{param}>)", route)
    head = route[: marker.start()] if marker else route
    words = [word for word in re.split(r"[/^$\\]+", head) if word and not word.startswith("(")]
    return words[-1] if words else ""


def _model_in_route(route):
    segments = route.split("/")
    for app_label, model_name in itertools.pairwise(segments):
        try:
            return apps.get_model(app_label, model_name)
        except (LookupError, ValueError):
            continue
    return None


def foreign_object(model, world):
    """An object of `model` that belongs to union B, or None if the model has no LGI."""
    return object_of(model, world.b)


def object_of(model, lgi):
    """An object of `model` that belongs to this LGI, or None if the model has no LGI."""
    fields = {field.name for field in model._meta.get_fields()}
    for lookup in ("lgi", "scope", "household__lgi", "person__lgi", "host_lgi"):
        if lookup.split("__")[0] in fields:
            found = model._default_manager.filter(**{lookup: lgi}).order_by("pk").first()
            if found is not None:
                return found
    if model._meta.label_lower == "places.area":
        return lgi
    return None


def _has_lgi(model):
    names = {field.name for field in model._meta.get_fields()}
    return bool(names & {"lgi", "scope", "household", "person", "host_lgi", "lgis"})


def _page_path(page):
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.url_path
    return page.url_path[len(root) :]


# The explorer is opened at every page; its results and the chooser's view of a page's children
# at the pages of both unions and the catalogue above them.
EVERY_PAGE_ROUTES = {"wagtailadmin_explore"}
SOME_PAGE_ROUTES = {"wagtailadmin_explore_results", "wagtailadmin_choose_page_child"}


def _every_page():
    from wagtail.models import Page

    return list(Page.objects.order_by("path").values_list("pk", flat=True))


def _pages_of_both_unions(world):
    """A's practice, B's draft and B's live practice with unpublished changes."""
    o = world.objects
    pages = [o["own_practice"], o["draft"], o["changed"]]
    return [page.pk for page in pages if page is not None]


def values(route, param, world):
    """Candidate values for one parameter of one route; None when it cannot be filled."""
    o = world.objects
    segment = _segment_before(route.route, param)
    if param == "parent_page_id" and route.name in EVERY_PAGE_ROUTES:
        return _every_page()
    if param == "parent_page_id" and route.name in SOME_PAGE_ROUTES:
        return [o["changed"].get_parent().pk, *_pages_of_both_unions(world)]
    by_segment = {
        ("pk", "households"): [o["household"].pk],
        ("pk", "persons"): [o["person"].pk],
        ("pk", "duplicates"): [o["duplicate"].pk] if o["duplicate"] else None,
        ("pk", "imports"): [o["job"].pk, o["committed_job"].pk],
        ("practice_id", "impact"): [o["draft"].pk, o["changed"].pk],
        ("pk", "visits"): [o["visit"].pk] if o["visit"] else None,
        ("key", "unions"): [world.b.key],
        ("key", "areas"): [world.b.key],
        ("pk", "practices"): [o["draft"].pk, o["changed"].pk],
        ("slug", "practices"): [o["draft"].slug, o["changed"].slug],
        ("pk", "replications"): [o["replication"].pk],
        ("pk", "budget-allocations"): [o["budget"].pk],
        ("slug", "workshops"): [o["workshop"].slug],
        ("pk", "workshops"): [o["workshop"].pk],
        ("kind", "imports"): [_registry_kind()],
    }
    if (param, segment) in by_segment:
        return by_segment[(param, segment)]
    if route.name in ("following_follow", "following_feed"):
        # Following a draft, or reading its feed, must not name it.
        return ["practice"] if param == "kind" else [o["draft"].pk, o["changed"].pk]
    if route.name == "following_unsubscribe":
        from following.views import unsubscribe_token

        return [unsubscribe_token(world.users["policymaker"]), "forged"]
    if param == "years" and segment == "recheck":
        return [1, 3]
    generic = {
        "format": ["json"],
        "fmt": ["csv", "xlsx"],
        "level": ["district"],
        "page_id": [o["draft"].pk, o["changed"].pk],
        "parent_page_id": [o["changed"].get_parent().pk],
    }
    if param in generic:
        return generic[param]
    if route.name == "wagtaildocs_serve":
        document = o["document"]
        return [document.pk] if param == "_0" else [document.filename]
    if route.name == "wagtail_serve":
        return [_page_path(o["draft"]), _page_path(o["changed"])]
    if param == "slug" and segment in {"data", "themes"}:
        return _slugs(segment)
    if param in {"pk", "object_id", "id", "key"}:
        model = _model_in_route(route.route) or _model_for_segment(segment)
        if model is not None:
            found = foreign_object(model, world)
            if found is not None:
                return [found.pk if param != "key" else found.key]
            # Data of no LGI (a workshop decision, a programme): any object exercises the URL.
            first = model._default_manager.order_by("pk").first()
            if first is not None and not _has_lgi(model):
                return [first.pk if param != "key" else getattr(first, "key", first.pk)]
    return None


def _registry_kind():
    from registry.importers import KIND

    return KIND


def _slugs(segment):
    if segment == "themes":
        from practices.models import Theme

        return list(Theme.objects.values_list("slug", flat=True)[:1])
    from dashboards.opendata import TABLES_BY_SLUG

    return sorted(TABLES_BY_SLUG)


_SEGMENT_MODELS = {
    "decisions": "workshops.Decision",
    "circulars": "practices.CircularPage",
    "circular-status-changes": "practices.CircularStatusChange",
}


def _model_for_segment(segment):
    label = _SEGMENT_MODELS.get(segment)
    return apps.get_model(label) if label else None


def concrete_urls(route, world):
    """(urls, skip reason) for one route: every combination of its candidate values, and the
    URLs that carry their objects in the query string."""
    urls, reason = _filled_urls(route, world)
    extra = query_urls(route, world)
    if extra:
        return list(dict.fromkeys(urls + extra)), None
    return urls, reason


def _filled_urls(route, world):
    if route.name is None:
        return [], "unnamed pattern: cannot be reversed"
    if route.name in UNFILLABLE:
        return [], UNFILLABLE[route.name]
    choices = []
    for param in route.params:
        candidates = values(route, param, world)
        if not candidates:
            return [], f"no foreign object for parameter {param!r}"
        choices.append((param, candidates))
    combinations = [{}]
    for param, candidates in choices:
        combinations = [dict(c, **{param: value}) for c in combinations for value in candidates]
    urls = []
    positional = all(param.startswith("_") for param in route.params) and route.params
    for language in ("bn", "en") if route.i18n else ("bn",):
        with translation.override(language):
            for combination in combinations:
                try:
                    if positional:
                        url = reverse(route.name, args=list(combination.values()))
                    else:
                        url = reverse(route.name, kwargs=combination)
                except NoReverseMatch as exc:
                    return [], f"cannot reverse: {exc}"
                urls.append(url)
    return list(dict.fromkeys(urls)), None


def _with_query(url, pairs):
    return f"{url}?{urlencode(pairs)}"


def _ids(pks):
    return [("id", str(pk)) for pk in pks]


def query_urls(route, world):
    """URLs of a route that takes its objects from the query string: many ids, A's and B's
    mixed, or a search typed to find B's drafts."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    from . import world as world_module

    o = world.objects
    name = route.name
    pages = _pages_of_both_unions(world)
    if name == "wagtail_bulk_action":
        urls = []
        for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page"):
            base = reverse(name, args=["wagtailcore", "page", action.action_type])
            urls.append(_with_query(base, _ids(pages)))
            catalogue = o["changed"].get_parent().pk
            urls.append(_with_query(base, [("id", "all"), ("childOf", catalogue)]))
        for model in _snippet_models():
            mixed = [object_of(model, world.a), object_of(model, world.b)]
            if None in mixed:
                continue
            label = model._meta.app_label, model._meta.model_name
            for action in bulk_action_registry.get_bulk_actions_for_model(*label):
                base = reverse(name, args=[*label, action.action_type])
                urls.append(_with_query(base, _ids(obj.pk for obj in mixed)))
        return urls
    if name in {"wagtailadmin_choose_page_search", "wagtailadmin_pages:search"}:
        base = reverse(name)
        # B's draft by a word of its title (the search box repeats what was typed, so not the
        # whole title), and B's changed practice by its live title (the chooser names it by its
        # draft).
        queries = (o["draft"].title.split()[-1], o["changed"].title)
        return [_with_query(base, [("q", q)]) for q in queries]
    if name == "wagtailadmin_choose_page_chosen_multiple":
        return [_with_query(reverse(name), _ids(pages))]
    if name == "wagtailadmin_tag_autocomplete":
        return [_with_query(reverse(name), [("term", world_module.DRAFT_TAG_PREFIX)])]
    if name == "wagtailadmin_tag_model_autocomplete":
        base = reverse(name, args=["taggit", "tag"])
        return [_with_query(base, [("term", world_module.DRAFT_TAG_PREFIX)])]
    return []


def _snippet_models():
    from wagtail.snippets.models import get_snippet_models

    return get_snippet_models()


def in_scope(route):
    return not route.admin or bool(ADMIN_SCOPE.search(route.route))
