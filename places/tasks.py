from celery import shared_task

from .loader import load


@shared_task
def load_geography():
    """Bring the geography tables in line with the files (idempotent, so safe to retry)."""
    return load().summary()
