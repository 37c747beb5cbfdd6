"""Background work of the practices app. Each task is idempotent and safe to retry."""

from django.db import transaction

from celery import shared_task

from . import counts

_PENDING = "_hlp_practices_pending"
_ALL = "all"


@shared_task(acks_late=True)
def recompute_practice_figures(practice_ids=None):
    """Recompute the replication, best-practice and budget figures of these practices (all
    practices when None, as after a change of the best-practice threshold)."""
    return len(counts.recompute(practice_ids))


def schedule_recompute(practice_ids=None):
    """Recompute after the current transaction commits, once per transaction however many
    replications or budget lines it touched."""
    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING, pending)
    if practice_ids is None:
        pending.add(_ALL)
    else:
        pending.update(pk for pk in practice_ids if pk is not None)

    def enqueue():
        ids = set(pending)
        pending.clear()
        if not ids:
            return
        recompute_practice_figures.delay(None if _ALL in ids else sorted(ids))

    # Every call registers the callback, so a rolled-back transaction cannot leave ids behind
    # without one; the first callback to run takes them all.
    transaction.on_commit(enqueue)
