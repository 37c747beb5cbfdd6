"""Background work of the dashboards. Each task is idempotent and safe to retry."""

from django.conf import settings
from django.db import transaction

from celery import shared_task

import search
from places.models import Area
from portal import public

from . import aggregates, cube, exports, indexing

_PENDING = "_hlp_dashboards_pending"


@shared_task(acks_late=True)
def refresh_figures(practice_ids):
    """Recompute the dashboard rows of these practices, and the search documents of the areas
    whose figures they change (where the practices were counted before and after)."""
    before = indexing.areas_of(practice_ids)
    written = aggregates.refresh(practice_ids)
    search.index(*{*before, *indexing.areas_of(practice_ids)})
    return written


@shared_task(acks_late=True)
def rebuild_figures():
    """Recompute every dashboard row (nightly, and after bulk loads)."""
    written = aggregates.refresh(None)
    cube.warm()
    search.index(*Area.objects.filter(level__in=indexing.LEVELS))
    return written


@shared_task(acks_late=True)
def prepare_downloads():
    """Make every table's unfiltered CSV and Excel files of the current data version, in both
    languages, so that no visitor waits for the first one (every few minutes from beat: a cheap
    check when the data has not changed)."""
    from .opendata import TABLES

    version = public.version()
    if version is None:
        return 0
    languages = [code for code, _name in settings.LANGUAGES]
    return exports.prepare_downloads(version, TABLES, languages)


@shared_task(acks_late=True)
def copy_registry_figures():
    """Copy the registry's beneficiary figures again when they changed (bulk imports), and
    protect them (`dashboards.cube`) before a page asks."""
    changed = aggregates.registry_changed()
    if changed:
        cube.warm()
    return changed


def schedule_refresh(practice_ids):
    """Refresh these practices' rows after the current transaction commits, once per
    transaction however many replications or budget lines it touched."""
    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING, pending)
    pending.update(pk for pk in practice_ids if pk is not None)

    def enqueue():
        ids = sorted(pending)
        pending.clear()
        if ids:
            refresh_figures.delay(ids)

    transaction.on_commit(enqueue)
