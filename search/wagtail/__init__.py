"""Wagtail's search, through the portal's Bangla search: the admin's page search, the page and
snippet choosers, snippet listings and `Page.objects.search()`.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail"}}`` makes `SearchBackend`
answer them; like the public search it uses Elasticsearch when `ELASTICSEARCH_URL` is set (in
indices named ``<SEARCH_INDEX_PREFIX>-admin-…``) and the database otherwise (SQLite FTS5 or
PostgreSQL full text). Both read text and queries with `bangla` and the public search's parser
and glossary (`search.wagtail.matching`). `manage.py update_index` builds the index; Wagtail's
signals keep it current on every save.
"""


def SearchBackend(params):
    """The Wagtail search backend for this deployment: Elasticsearch or the database."""
    from django.conf import settings
    from django.db import connection

    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import BanglaElasticsearchBackend

        return BanglaElasticsearchBackend(
            {
                "URLS": [settings.ELASTICSEARCH_URL],
                "INDEX_PREFIX": f"{settings.SEARCH_INDEX_PREFIX}-admin-",
                "TIMEOUT": getattr(settings, "SEARCH_ES_TIMEOUT", 5),
                "INDEX_SETTINGS": {
                    "settings": {
                        "index": {"number_of_replicas": getattr(settings, "SEARCH_ES_REPLICAS", 0)}
                    }
                },
                **params,
            }
        )
    if connection.vendor == "postgresql":
        from .postgres import BanglaPostgresSearchBackend

        return BanglaPostgresSearchBackend(params)
    from .sqlite import BanglaSQLiteSearchBackend

    return BanglaSQLiteSearchBackend(params)
