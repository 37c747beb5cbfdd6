"""The search service: Bangla-aware text analysis and the search backends behind one interface.

Callers use only what is defined here::

    search.query("আর্সেনিক", filters={"type": ["practice"]}, language="bn")  # SearchResults
    search.suggest("কর্মশা")                     # titles completing what was typed
    search.index(page, …) / search.remove(page)    # usually done by signals, after commit
    search.rebuild() / search.reconcile()          # `manage.py search_index rebuild|reconcile`

Elasticsearch answers when `ELASTICSEARCH_URL` is set, the database otherwise (and whenever
Elasticsearch is down); callers never know which.
"""

from .results import FacetValue, Hit, SearchResults

__all__ = [
    "FacetValue",
    "Hit",
    "SearchResults",
    "health",
    "index",
    "query",
    "rebuild",
    "reconcile",
    "remove",
    "suggest",
]


# The service imports models, and this package is imported while apps are still loading.
# Writes Elasticsearch misses are tried again later by a task (`search.tasks.enqueue_retry`).
def index(*objs):
    """Index `objs` (or the documents a change to them affects) in every backend, now, in one
    pass however many there are.

    Only published content is indexed; for a draft or unpublished page this removes it.
    """
    from . import service, tasks

    return service.index(*objs, retry=tasks.enqueue_retry)


def remove(obj):
    """Remove `obj`'s document from every backend."""
    from . import service, tasks

    return service.remove(obj, retry=tasks.enqueue_retry)


def rebuild(show_progress=False, on_progress=None):
    """Rebuild every index from the published content, with zero downtime."""
    from . import service

    return service.rebuild(show_progress=show_progress, on_progress=on_progress)


def reconcile():
    """Find and fix drift between the published content and every index; returns a report."""
    from . import service

    return service.reconcile()


def query(text, filters=None, page=1, language="bn", sort="relevance", per_page=20, exact=False):
    """Search practices, circulars and workshops; returns `SearchResults`, never raises.

    See `search.service.query` for the parameters.
    """
    from . import service

    return service.query(
        text,
        filters=filters,
        page=page,
        language=language,
        sort=sort,
        per_page=per_page,
        exact=exact,
    )


def suggest(prefix, language="bn", limit=8):
    """Titles completing `prefix`, as ``{"text", "type", "url"}`` dicts."""
    from . import service

    return service.suggest(prefix, language=language, limit=limit)


def health():
    """The search backend's state: which backend answers and whether it is reachable.

    Elasticsearch being down does not make the portal unavailable (searches fall back to the
    database), so it is reported with `"required": False`.
    """
    from django.conf import settings

    if not settings.ELASTICSEARCH_URL:
        return {"ok": True, "backend": "database"}
    from elasticsearch import Elasticsearch

    try:
        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)
        # The CI distribution has no handler for GET /, so the version comes from the nodes API.
        nodes = client.nodes.info(node_id="_local", metric="_none")["nodes"]
        version = next(iter(nodes.values()))["version"]
    except Exception as exc:  # any failure to reach the cluster means "down", whatever its kind
        return {
            "ok": False,
            "backend": "elasticsearch",
            "required": False,
            "fallback": "database",
            "error": f"{type(exc).__name__}: {exc}"[:300],
        }
    return {"ok": True, "backend": "elasticsearch", "version": version, "required": False}
