"""Finding the page a URL names in two queries instead of two a level.

Wagtail walks the page tree from the site's root, one level a step, asking the database for
each child and then for its specific row. The root page here asks once for every page on the
path (by their `url_path`) and once for the page itself, with the rows its template reads on
every view joined in (`route_related` on the page class: a practice's theme and union). A path
that names no page, or passes through a page that routes its own sub-paths, goes the usual way.
"""

from django.http import Http404

from wagtail.models import Page


def route_in_two_queries(root, request, path_components):
    """`root.route()` for a path below `root`, or None to let Wagtail walk the tree."""
    prefix = root.url_path
    paths = [
        prefix + "/".join(path_components[:depth]) + "/"
        for depth in range(1, len(path_components) + 1)
    ]
    found = {page.url_path: page for page in Page.objects.filter(url_path__in=paths)}
    if len(found) != len(paths):
        return None
    parent = root
    for path in paths[:-1]:
        page = found[path]
        if page.specific_class is None or page.specific_class.route is not Page.route:
            return None  # this page routes its own sub-paths
        page._cached_parent_obj = parent
        parent = page
    model = found[paths[-1]].specific_class
    if model is None:
        raise Http404
    related = getattr(model, "route_related", ())
    page = model.objects.select_related(*related).get(pk=found[paths[-1]].pk)
    page._cached_parent_obj = parent
    return page.route(request, [])
