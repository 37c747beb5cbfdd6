"""What both passes of an import share: the job's status, its progress while a pass runs,
failing it, its uploaded file, and the context an importer's hooks are given."""

import contextlib
import datetime
import gc
import logging

from django.db import DatabaseError, connection, connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .base import ImportContext, Message
from .models import ImportJob

# Both passes log under the name they have always logged under.
logger = logging.getLogger("imports.runner")

MAX_ERRORS = 1000  # kept in the report (the error CSV has them all, up to MAX_ERRORS_IN_FILE)
PROGRESS_EVERY = 2000
STALE_UPLOAD_DAYS = 7

Status = ImportJob.Status


# --- progress -------------------------------------------------------------------------


class ProgressWriter:
    """Writes rows_done every PROGRESS_EVERY rows, where other processes can see it.

    During the commit the default connection is inside the import's transaction, so on
    PostgreSQL the progress goes through a second connection in autocommit mode. SQLite has a
    single writer: a second connection would wait for the import's own lock, so there the
    progress is only written between the passes.
    """

    def __init__(self, job_id, every=PROGRESS_EVERY):
        self.job_id = job_id
        self.every = every
        self.last = 0
        self._side = None

    def __call__(self, done):
        if done - self.last < self.every:
            return
        self.last = done
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(
                rows_done=done, updated_at=timezone.now()
            )
            return
        if connection.vendor != "postgresql" or self._side is False:
            return
        table = ImportJob._meta.db_table
        try:
            if self._side is None:
                self._side = connections.create_connection(connection.alias)
                with self._side.cursor() as cursor:
                    # If the job's row is locked by the very transaction that is importing
                    # (a caller that wrapped the commit in its own transaction), waiting
                    # for it would never end: give up on progress instead.
                    cursor.execute("SET lock_timeout = 2000")
            quote = self._side.ops.quote_name
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote('rows_done')} = %s, "
                    f"{quote('updated_at')} = %s WHERE {quote('id')} = %s",
                    [done, timezone.now(), self.job_id],
                )
        except DatabaseError:
            logger.warning("Import %s: progress cannot be shown during the commit", self.job_id)
            self.close()
            self._side = False

    def close(self):
        if self._side:
            self._side.close()
            self._side = None


@contextlib.contextmanager
def application_frozen():
    """Keep the objects that exist before a pass out of the garbage collector's full
    collections during it. A pass allocates millions of short-lived objects, which sets off
    dozens of full collections, and each would walk every object of the application (Django,
    Wagtail, the models' metadata): at 200,000 rows that walking was a fifth of the commit.
    The commit freezes again after each batch, so what it keeps from batch to batch (the
    households and keys met so far, growing with the file) is not walked either; the rest of
    what a pass allocates is collected as usual, and all of it once the pass ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def pass_context(importer, job, committing):
    """The context the importer's hooks are given for one pass over the job's file."""
    return ImportContext(
        importer=importer,
        job=job,
        user=job.uploaded_by,
        scope=job.scope,
        options=dict(job.options or {}),
        committing=committing,
    )


def binary_file(field_file):
    """The open binary file beneath a job's (opened) FieldFile, for the readers."""
    handle = field_file.file
    return getattr(handle, "file", handle)


def discard_file(job):
    """Remove a job's uploaded file from storage; the job keeps its name, size and report."""
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def purge_stale_uploads(now=None):
    """Remove the files, holding personal data, of jobs left neither imported nor refused for
    STALE_UPLOAD_DAYS; such a job is marked failed with the reason. Returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=STALE_UPLOAD_DAYS)
    kinds = [importer.kind for importer in registry.all() if importer.file_holds_personal_data]
    stale = ImportJob.objects.filter(kind__in=kinds, updated_at__lt=cutoff).exclude(file="")
    reason = Message(
        _(
            "The uploaded file was removed after %(days)s days without being imported, "
            "because it holds personal data. Upload it again to import it."
        ),
        {"days": STALE_UPLOAD_DAYS},
    )
    purged = 0
    for job in stale.exclude(status__in=[Status.VALIDATING, Status.COMMITTING]):
        discard_file(job)
        fail_job(job, job.status, "uploaded file removed unimported", reason)
        purged += 1
    return purged


def fail_job(job, expected_status, detail, reason=None):
    """Mark a job failed (if it is still in `expected_status`): `detail` for the log and the
    admin, `reason` (a Message) for the person who uploaded it."""
    report = dict(job.report or {})
    report["failure"] = (
        reason
        or Message(_("The import stopped because of an error on the server. Nothing was written."))
    ).as_dict()
    ImportJob.objects.filter(pk=job.pk, status=expected_status).update(
        status=Status.FAILED,
        error_message=detail[:2000],
        report=report,
        updated_at=timezone.now(),
    )
    return job_status(job.pk)


def job_status(job_id):
    """The job's status as stored now."""
    return ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
