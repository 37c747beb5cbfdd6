"""Celery tasks that keep the search index true. Idempotent: each re-reads the database."""

import logging

from django.db import transaction

from celery import shared_task

from . import service
from .backends import BackendUnavailable

logger = logging.getLogger(__name__)

RETRY_DELAY = 30


@shared_task(
    bind=True,
    autoretry_for=(BackendUnavailable,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=12,
)
def reindex_documents(self, keys):
    """Re-index exactly the documents `keys` ("practice:12" …) from the database.

    When Elasticsearch is down the task retries with growing delays; the database index is
    already updated by then. Run inline (no broker), it cannot wait, so it leaves the catching
    up to `search_index reconcile`.
    """
    try:
        return service.reindex(keys, strict=True)
    except BackendUnavailable as exc:
        if self.request.is_eager:
            logger.warning("Elasticsearch is down; reconcile will catch up %s: %s", keys, exc)
            return {"deferred": len(keys)}
        raise


@shared_task
def reconcile_index():
    """Fix drift between the published content and the indexes (for a periodic schedule)."""
    return service.reconcile()


def enqueue_retry(keys):
    """Try the Elasticsearch side of `keys` again later, from a worker (the `retry` that
    `search.index()` and `search.remove()` hand the service)."""
    keys = sorted(set(keys))
    transaction.on_commit(
        lambda: reindex_documents.apply_async((keys,), countdown=RETRY_DELAY), robust=True
    )
