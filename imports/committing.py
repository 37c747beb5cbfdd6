"""Pass 2 (`commit`): stream the file again and hand rows to the importer in batches, inside ONE
transaction that also marks the job committed: a row that has gone bad since the check, an
exception or a worker that dies mid-way leaves the database as it was, and running the commit
again redoes the whole transaction. A committed job is never written twice.

On SQLite (the embedded default) that transaction holds the database's single write lock from
its first statement to its last, while everyone else goes on reading (WAL). Any other write
meanwhile (a sign-in's session, a registry page's access log) waits for the lock, up to the
database's busy timeout (its OPTIONS "timeout"), and fails if it waits longer. So the commit
never holds the lock longer than SQLITE_LOCK_SHARE of that timeout: a commit that would is
rolled back, fails with a message to split the file, and has written nothing. Other users wait,
never fail; the import stays all or nothing, seen by others only once whole.
"""

import gc
import time

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .base import Message, Outcome
from .headers import bind_header, is_blank
from .jobs import (
    MAX_ERRORS,
    ProgressWriter,
    Status,
    application_frozen,
    binary_file,
    discard_file,
    fail_job,
    logger,
    pass_context,
)
from .models import ImportJob
from .readers import open_table
from .rows import parse_row
from .signals import job_committed

# Namespace of the PostgreSQL advisory lock that keeps two commits of one job apart.
_LOCK_NAMESPACE = 0x494D
# The share of SQLite's busy timeout a commit may hold the write lock for; the rest is for the
# batch under way when the time is up, and the rollback.
SQLITE_LOCK_SHARE = 0.75
# What Python's sqlite3 waits for a lock when the settings give no timeout.
_SQLITE_DEFAULT_TIMEOUT = 5.0


class HeldTooLong(Exception):
    """The commit would hold SQLite's write lock longer than other writers wait for it."""

    def __init__(self, seconds):
        super().__init__(f"the commit reached the {seconds:.1f} s it may hold the write lock")
        self.seconds = seconds


def sqlite_lock_seconds():
    """How long a commit may hold the write lock of the default database: a share of how long
    other writers wait for it (None on databases whose writers do not wait for each other)."""
    if connection.vendor != "sqlite":
        return None
    timeout = connection.settings_dict.get("OPTIONS", {}).get("timeout", _SQLITE_DEFAULT_TIMEOUT)
    return float(timeout) * SQLITE_LOCK_SHARE


class LateRowErrors(Exception):
    """A row that passed the check fails while committing (the data changed meanwhile)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s) while committing")
        self.errors = errors


def commit(job_id):
    """Pass 2: write every row in one transaction. Safe to run again for the same job."""
    job = ImportJob.objects.select_related("uploaded_by", "scope").filter(pk=job_id).first()
    if job is None or job.status == Status.COMMITTED:
        return job and job.status
    if not (job.status == Status.COMMITTING or job.committable):
        return job.status
    ImportJob.objects.filter(
        pk=job.pk, status__in=[Status.VALID, Status.FAILED, Status.COMMITTING]
    ).update(status=Status.COMMITTING, rows_done=0, error_message="", updated_at=timezone.now())
    try:
        importer = registry.get(job.kind)()
    except LookupError:
        return fail_job(job, Status.COMMITTING, f"no importer of kind {job.kind!r}")

    context = pass_context(importer, job, committing=True)
    progress = ProgressWriter(job.pk)
    held_for = sqlite_lock_seconds()
    try:
        with transaction.atomic():
            # On SQLite the write lock is held from here (BEGIN IMMEDIATE) to the end.
            deadline = None if held_for is None else time.monotonic() + held_for
            _lock(job.pk)
            if ImportJob.objects.filter(pk=job.pk, status=Status.COMMITTED).exists():
                return Status.COMMITTED
            outcome, total = _write(importer, job, context, progress, deadline)
            report = dict(job.report)
            report.pop("failure", None)
            ImportJob.objects.filter(pk=job.pk).update(
                status=Status.COMMITTED,
                rows_done=total,
                rows_total=total,
                created_count=outcome.created,
                updated_count=outcome.updated,
                unchanged_count=outcome.unchanged,
                report=report,
                committed_at=timezone.now(),
                updated_at=timezone.now(),
            )
    except LateRowErrors as late:
        report = dict(job.report, errors=late.errors[:MAX_ERRORS], late=True)
        report["error_rows"] = 1
        ImportJob.objects.filter(pk=job.pk, status=Status.COMMITTING).update(
            status=Status.INVALID,
            report=report,
            error_count=len(late.errors),
            rows_done=0,
            updated_at=timezone.now(),
        )
        if importer.file_holds_personal_data:
            discard_file(job)
        return Status.INVALID
    except HeldTooLong as held:
        logger.warning("Import %s: %s; rolled back", job.pk, held)
        return fail_job(
            job,
            Status.COMMITTING,
            f"{held}: other users' writes would have failed waiting for it. Split the file, "
            "or run the portal on PostgreSQL.",
            Message(
                _(
                    "Writing this file would have kept the other users of the portal waiting "
                    "for more than %(seconds)s seconds, so it was stopped and nothing was "
                    "written. Split the file into smaller files and import them one after "
                    "the other."
                ),
                {"seconds": int(held.seconds)},
            ),
        )
    except Exception as exc:
        logger.exception("Import %s: the commit failed and was rolled back", job.pk)
        return fail_job(job, Status.COMMITTING, repr(exc))
    finally:
        progress.close()
    if importer.file_holds_personal_data:
        discard_file(job)
    job_committed.send(sender=type(importer), job=job)
    return Status.COMMITTED


def _write(importer, job, context, progress, deadline=None):
    outcome = Outcome()
    done = 0
    with application_frozen(), job.file.open("rb"), open_table(binary_file(job.file)) as table:
        plan, rows = bind_header(importer, table)
        importer.start(context)
        batch = []
        for number, cells in rows:
            if is_blank(cells):
                continue
            row, errors = parse_row(importer, plan, number, cells, context)
            if errors:
                raise LateRowErrors(errors)
            batch.append(row)
            if len(batch) >= importer.batch_size:
                outcome += _commit_batch(importer, batch, context)
                done += len(batch)
                batch = []
                progress(done)
                _in_time(deadline)
                gc.freeze()
        if batch:
            outcome += _commit_batch(importer, batch, context)
            done += len(batch)
        _in_time(deadline)
        importer.finish(context)
    return outcome, done


def _in_time(deadline):
    if deadline is not None and time.monotonic() > deadline:
        raise HeldTooLong(sqlite_lock_seconds())


def _commit_batch(importer, batch, context):
    result = importer.commit_batch(batch, context)
    if not isinstance(result, Outcome):
        raise TypeError(f"{type(importer).__name__}.commit_batch() must return an Outcome")
    return result


def _lock(job_id):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, job_id])
