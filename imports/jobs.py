"""What both passes of an import share: the job's status, its progress while a pass runs,
failing it, its uploaded file, and the context an importer's hooks are given."""

import contextlib
import datetime
import gc
import logging

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.privacy import MaskIdentityNumbers, mask_identity_numbers

from . import registry
from .base import ImportContext, Message
from .models import ImportJob

# Both passes log under the name they have always logged under.
logger = logging.getLogger("imports.runner")
# A traceback may quote a cell of the file (a database error naming the value it refused).
logger.addFilter(MaskIdentityNumbers())

MAX_ERRORS = 1000  # kept in the report (the error CSV has them all, up to MAX_ERRORS_IN_FILE)
PROGRESS_EVERY = 2000
STALE_UPLOAD_DAYS = 7
# A job being checked or committed shows it is alive by writing its progress (`updated_at`,
# see ProgressWriter). A commit on SQLite cannot write it until it ends, so the timeout is
# many times the longest commit expected (620,000 rows took 92 s; an upload of the largest
# size allowed, 256 MB, would take some minutes). Setting: IMPORTS_JOB_TIMEOUT, in seconds.
JOB_TIMEOUT = datetime.timedelta(hours=1)

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


def job_timeout():
    """How long a job may be checked, committed or wait for its turn without a sign of life
    before it counts as stuck: ``settings.IMPORTS_JOB_TIMEOUT`` seconds, one hour by default."""
    seconds = getattr(settings, "IMPORTS_JOB_TIMEOUT", None)
    return JOB_TIMEOUT if seconds is None else datetime.timedelta(seconds=seconds)


STUCK_REASONS = {
    Status.UPLOADED: _(
        "The file was never checked: the server stopped before its turn came. Nothing was "
        "written. Upload the file again."
    ),
    Status.VALIDATING: _(
        "Checking the file was interrupted: the server stopped while it was being read. "
        "Nothing was written. Upload the file again."
    ),
    Status.COMMITTING: _(
        "The import was interrupted: the server stopped while the rows were being written, "
        "and nothing was written. Try the import again."
    ),
}


def fail_stuck_jobs(jobs=None, now=None):
    """Mark failed the jobs (of `jobs`, a queryset, default all) that have been waiting,
    checked or committed for longer than `job_timeout()` since their last progress: the
    server that ran them stopped (a commit that died wrote nothing: its transaction was rolled
    back). A job whose commit stopped can be committed again from its page; one whose check
    stopped is uploaded again, so its file is removed at once if it holds personal data.
    Returns how many."""
    timeout = job_timeout()
    cutoff = (now or timezone.now()) - timeout
    jobs = ImportJob.objects.all() if jobs is None else jobs
    stuck = jobs.filter(status__in=list(STUCK_REASONS), updated_at__lt=cutoff)
    failed = 0
    for job in stuck.only("pk", "kind", "status", "report", "file"):
        status = job.status
        detail = f"stuck: no progress while {status} for over {timeout}"
        if fail_job(job, status, detail, Message(STUCK_REASONS[status]), cutoff) != Status.FAILED:
            continue  # it moved on meanwhile
        failed += 1
        logger.warning("Import %s: %s; marked failed", job.pk, detail)
        if status != Status.COMMITTING:
            try:
                holds_personal_data = registry.get(job.kind).file_holds_personal_data
            except LookupError:
                holds_personal_data = True
            if holds_personal_data:
                discard_file(job)
    return failed


def purge_stale_uploads(now=None):
    """Remove the files, holding personal data, of jobs left neither imported nor refused for
    STALE_UPLOAD_DAYS; such a job is marked failed with the reason. Stuck jobs are failed
    first (`fail_stuck_jobs`), so a job whose server stopped is purged like any other.
    Returns how many files were removed."""
    fail_stuck_jobs(now=now)
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


def fail_job(job, expected_status, detail, reason=None, unchanged_since=None):
    """Mark a job failed (if it is still in `expected_status`): `detail` for the log and the
    admin, `reason` (a Message) for the person who uploaded it, both with identity numbers
    masked. With `unchanged_since`, only a job not updated since then, and its `updated_at`
    is left as it was (the time of its last sign of life, from which the purge counts)."""
    report = dict(job.report or {})
    report["failure"] = (
        reason
        or Message(_("The import stopped because of an error on the server. Nothing was written."))
    ).as_dict()
    target = ImportJob.objects.filter(pk=job.pk, status=expected_status)
    changes = {"updated_at": timezone.now()}
    if unchanged_since is not None:
        target = target.filter(updated_at__lt=unchanged_since)
        changes = {}
    target.update(
        status=Status.FAILED,
        error_message=mask_identity_numbers(detail)[:2000],
        report=report,
        **changes,
    )
    return job_status(job.pk)


def job_status(job_id):
    """The job's status as stored now."""
    return ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
