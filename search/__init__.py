"""The search service: Bangla-aware text analysis and the search backends behind one interface."""


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
