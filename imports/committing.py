"""Pass 2 (`commit`): stream the file again and hand rows to the importer in batches, inside ONE
transaction that also marks the job committed: a row that has gone bad since the check, an
exception or a worker that dies mid-way leaves the database as it was, and running the commit
again redoes the whole transaction. A committed job is never written twice."""

import gc

from django.db import connection, transaction
from django.utils import timezone

from . import registry
from .base import Outcome
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
    try:
        with transaction.atomic():
            _lock(job.pk)
            if ImportJob.objects.filter(pk=job.pk, status=Status.COMMITTED).exists():
                return Status.COMMITTED
            outcome, total = _write(importer, job, context, progress)
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
    except Exception as exc:
        logger.exception("Import %s: the commit failed and was rolled back", job.pk)
        return fail_job(job, Status.COMMITTING, repr(exc))
    finally:
        progress.close()
    if importer.file_holds_personal_data:
        discard_file(job)
    job_committed.send(sender=type(importer), job=job)
    return Status.COMMITTED


def _write(importer, job, context, progress):
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
                gc.freeze()
        if batch:
            outcome += _commit_batch(importer, batch, context)
            done += len(batch)
        importer.finish(context)
    return outcome, done


def _commit_batch(importer, batch, context):
    result = importer.commit_batch(batch, context)
    if not isinstance(result, Outcome):
        raise TypeError(f"{type(importer).__name__}.commit_batch() must return an Outcome")
    return result


def _lock(job_id):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, job_id])
