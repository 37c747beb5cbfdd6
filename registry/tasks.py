"""Background work of the registry; every task is idempotent and safe to retry."""

from celery import shared_task


@shared_task
def open_update_cycle():
    """Open this year's update cycle (scheduled daily through January; a no-op once open)."""
    from .cycle import open_cycle

    return f"update cycle {open_cycle().year} open"


@shared_task
def detect_duplicates(lgi_ids=None):
    """Flag duplicates in some unions (all when None) for the review queue."""
    from places.models import Area

    from .duplicates import detect

    lgis = None if lgi_ids is None else Area.objects.filter(pk__in=lgi_ids)
    found = detect(lgis)
    return ", ".join(f"{kind}: {count}" for kind, count in found.items())


@shared_task
def rebuild_aggregates():
    """Recompute the beneficiary figures from the benefit rows."""
    from .aggregates import rebuild

    return f"{rebuild()} figures"


@shared_task
def forget_old_merges():
    """Delete what old merges kept for their undo (daily)."""
    from .duplicates import forget_old_merges as forget

    return f"{forget()} merges forgotten"
