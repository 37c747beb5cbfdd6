"""The demo's search index: built last, once every app's demo content exists."""

import search

from .backends import BackendUnavailable


def load():
    """Rebuild the search indexes from the demo content; returns a one-line summary."""
    try:
        report = search.rebuild()
    except BackendUnavailable as exc:
        return f"database search index rebuilt; Elasticsearch did not answer ({exc})"
    summary = f"search index rebuilt: {report['database']} documents"
    if "elasticsearch" in report:
        summary += f", Elasticsearch index {report['elasticsearch']['index']}"
    return summary
