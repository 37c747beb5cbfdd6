"""The demo's search indexes: built last, once every app's demo content exists."""

import io

from django.core.management import call_command

from elastic_transport import TransportError
from elasticsearch import ApiError

import search

from .backends import BackendUnavailable


def load():
    """Rebuild the search indexes from the demo content (the admin's with `update_index`, then
    the public search's); returns a one-line summary."""
    # Wagtail's search (the admin, its choosers) reads the areas too, which the geography
    # loads without saving one by one.
    try:
        call_command("update_index", stdout=io.StringIO())
        admin = "; admin search index rebuilt"
    except (ApiError, TransportError) as exc:
        admin = f"; the admin search index was not rebuilt: Elasticsearch did not answer ({exc})"
    try:
        report = search.rebuild()
    except BackendUnavailable as exc:
        return f"database search index rebuilt; Elasticsearch did not answer ({exc})"
    summary = f"search index rebuilt: {report['database']} documents"
    if "elasticsearch" in report:
        summary += f", Elasticsearch index {report['elasticsearch']['index']}"
    return summary + admin
