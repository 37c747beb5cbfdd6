"""The two passes of an import.

Pass 1 (`check`) streams the file, parses and validates every row and writes a report: counts,
a preview of the first rows as parsed, and the errors (the first MAX_ERRORS in the report, all
of them in a CSV beside it). It writes nothing else.

Pass 2 (`commit`) streams the file again and hands rows to the importer in batches, inside ONE
transaction that also marks the job committed: a row that has gone bad since the check, an
exception or a worker that dies mid-way leaves the database as it was, and running the commit
again redoes the whole transaction. A committed job is never written twice.
"""

import contextlib
import csv
import datetime
import gc
import hashlib
import io
import itertools
import logging
import shutil
import sqlite3
import tempfile
from functools import partial
from pathlib import Path

from django.core.files import File
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import registry
from .base import (
    LANGUAGES,
    CellError,
    ImportContext,
    Message,
    Outcome,
    Row,
    RowError,
    SkipCell,
    header_key,
    key_part,
)
from .models import ImportJob
from .readers import FileProblem, open_table
from .signals import job_committed

logger = logging.getLogger(__name__)

MAX_ERRORS = 1000  # kept in the report (the error CSV has them all, up to MAX_ERRORS_IN_FILE)
MAX_ERRORS_IN_FILE = 100_000
PREVIEW_ROWS = 20
PROGRESS_EVERY = 2000
HEADER_SEARCH_ROWS = 10
# Namespace of the PostgreSQL advisory lock that keeps two commits of one job apart.
_LOCK_NAMESPACE = 0x494D

Status = ImportJob.Status


class LateRowErrors(Exception):
    """A row that passed the check fails while committing (the data changed meanwhile)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s) while committing")
        self.errors = errors


# --- header ---------------------------------------------------------------------------


class HeaderPlan:
    """Which file column feeds which importer column."""

    def __init__(self, importer, cells, row_number):
        self.row_number = row_number
        self.slots = []  # (column, index in the row or None, header as in the file)
        self.ignored = []
        lookup = {}
        for column in importer.columns:
            for key in column.header_keys():
                lookup.setdefault(key, column)
        found = {}
        self.duplicate = None
        for index, cell in enumerate(cells):
            header = "" if cell is None else " ".join(str(cell).split())
            if not header:
                continue
            column = _match_header(header, lookup)
            if column is None:
                self.ignored.append(header)
            elif column.name in found:
                self.duplicate = self.duplicate or FileProblem(
                    _(
                        "The columns “%(first)s” and “%(second)s” both mean “%(column)s”; "
                        "keep only one of them."
                    ),
                    row=row_number,
                    first=found[column.name][1],
                    second=header,
                    column=column.label,
                )
            else:
                found[column.name] = (index, header)
        self.matched = len(found)
        self.missing = [c for c in importer.columns if c.required and c.name not in found]
        for column in importer.columns:
            index, header = found.get(column.name, (None, None))
            self.slots.append((column, index, header))

    def headers(self):
        return {column.name: header for column, _index, header in self.slots}


def _match_header(header, lookup):
    column = lookup.get(header_key(header))
    if column is None:
        # "জেলা / District": a header written in both languages.
        for part in header.replace("|", "/").split("/"):
            column = lookup.get(header_key(part))
            if column is not None:
                break
    return column


def _blank(cells):
    # any() settles almost every row at its first cell; 0 and False are not blank.
    return not any(cells) and all(cell is None or cell == "" for cell in cells)


def bind_header(importer, rows):
    """Find the header row among the first rows (a title above it is skipped); return the
    plan and the rows after it."""
    rows = iter(rows)
    buffered = []
    best = None
    looked_at = 0
    for number, cells in rows:
        buffered.append((number, cells))
        if _blank(cells):
            continue
        looked_at += 1
        plan = HeaderPlan(importer, cells, number)
        if best is None or plan.matched > best.matched:
            best, after_best = plan, len(buffered)
        if looked_at >= HEADER_SEARCH_ROWS or (plan.matched and not plan.missing):
            break
    if best is None:
        raise FileProblem(_("The file is empty."))
    if best.duplicate:
        raise best.duplicate
    if best.missing or not best.matched:
        raise FileProblem(
            _("The file has no column for: %(columns)s. Expected columns: %(expected)s."),
            row=best.row_number,
            columns=[column.label for column in best.missing or importer.columns],
            expected=[column.label for column in importer.columns],
        )
    return best, itertools.chain(buffered[after_best:], rows)


# --- rows -----------------------------------------------------------------------------


def _error(number, column_header, column, message):
    if column_header:
        where = column_header
    elif column is not None:
        where = Message(column.label).as_dict()
    else:
        where = ""
    return {"row": number, "column": where, "message": message.as_dict()}


def parse_row(importer, plan, number, cells, context):
    """Parse and validate one row; return (row, errors)."""
    row = Row(number)
    errors = []
    width = len(cells)
    for column, index, header in plan.slots:
        value = cells[index] if index is not None and index < width else None
        if value is None or value == "":
            if column.required:
                errors.append(
                    _error(
                        number,
                        header,
                        column,
                        Message(
                            _("The cell is empty, but “%(column)s” is required."),
                            {"column": header or column.label},
                        ),
                    )
                )
                row.failed.add(column.name)
            row[column.name] = column.default
            continue
        try:
            row[column.name] = column.parser.parse(value, row, context)
        except SkipCell:
            row.failed.add(column.name)
            row[column.name] = None
        except CellError as exc:
            errors.append(_error(number, header, column, exc.message))
            row.failed.add(column.name)
            row[column.name] = None
    if not errors:
        try:
            importer.validate(row, context)
        except RowError as exc:
            column = importer.column(exc.column)
            header = plan.headers().get(exc.column) if exc.column else None
            errors.append(_error(number, header, column, exc.message))
    return row, errors


class SeenKeys:
    """Natural keys met so far and the row of each.

    The most recent keys are in a dict; beyond `memory_limit` they move to a temporary SQLite
    file, so a file of a million rows does not hold a million keys in memory. A Bloom filter
    of fixed size in front of that file answers "never seen" for almost every new key without
    a query.
    """

    # 2 MiB, four bit positions a key: under 1% false positives up to about a million keys.
    BLOOM_BYTES = 1 << 21

    def __init__(self, memory_limit=10_000):
        self.memory_limit = memory_limit
        self.memory = {}
        self.db = None
        self.bloom = None
        self.directory = None

    def first_row(self, key, number):
        """The row where `key` was first seen, or None (and remember it for this row)."""
        digest = hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
        first = self.memory.get(digest)
        if first is None and self.db is not None and self._maybe_spilled(digest):
            found = self.db.execute("SELECT row FROM seen WHERE digest = ?", (digest,)).fetchone()
            first = found[0] if found else None
        if first is not None:
            return first
        self.memory[digest] = number
        if len(self.memory) >= self.memory_limit:
            self._spill()
        return None

    @staticmethod
    def _bits(digest):
        # Four 24-bit slices of the digest, each a bit position in the filter.
        number = int.from_bytes(digest, "little")
        mask = (1 << 24) - 1
        return (number & mask, (number >> 24) & mask, (number >> 48) & mask, (number >> 72) & mask)

    def _maybe_spilled(self, digest):
        bloom = self.bloom
        return all(bloom[bit >> 3] & (1 << (bit & 7)) for bit in self._bits(digest))

    def _spill(self):
        if self.db is None:
            self.directory = tempfile.mkdtemp(prefix="hlp-import-keys-")
            self.db = sqlite3.connect(Path(self.directory) / "keys.sqlite3")
            self.db.execute("PRAGMA journal_mode = OFF")
            self.db.execute("PRAGMA synchronous = OFF")
            self.db.execute("PRAGMA cache_size = -4096")
            self.db.execute(
                "CREATE TABLE seen (digest BLOB PRIMARY KEY, row INTEGER) WITHOUT ROWID"
            )
            self.bloom = bytearray(self.BLOOM_BYTES)
        bloom = self.bloom
        for digest in self.memory:
            for bit in self._bits(digest):
                bloom[bit >> 3] |= 1 << (bit & 7)
        self.db.executemany("INSERT INTO seen VALUES (?, ?)", self.memory.items())
        self.memory.clear()

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None
        self.bloom = None
        if self.directory:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None


class DuplicateCheck:
    """No two rows of a file may share the importer's natural key, nor the values of any of
    its `unique_columns`; the later row is refused, naming the earlier one."""

    def __init__(self, importer, plan):
        headers = plan.headers()
        self.checks = [(importer.natural_key, importer.key_columns, SeenKeys())]
        for names in importer.unique_columns:
            self.checks.append((partial(_values_key, names), names, SeenKeys()))
        self.labels = {
            tuple(names): [importer.column(name).label for name in names]
            for _key_of, names, _seen in self.checks
        }
        self.headers = {
            tuple(names): (headers.get(names[-1]) if names else "")
            for _key_of, names, _seen in self.checks
        }

    def errors(self, row):
        for key_of, names, seen in self.checks:
            key = key_of(row)
            first = None if key is None else seen.first_row(key, row.number)
            if first is None:
                continue
            if names:
                message = Message(
                    _("This row repeats row %(first)s: the same %(columns)s."),
                    {"first": first, "columns": self.labels[tuple(names)]},
                )
            else:
                message = Message(_("This row repeats row %(first)s."), {"first": first})
            return [_error(row.number, self.headers[tuple(names)], None, message)]
        return []

    def close(self):
        for _key_of, _names, seen in self.checks:
            seen.close()


def _values_key(names, row):
    return tuple(key_part(row.get(name)) for name in names)


class ErrorLog:
    """The first `limit` errors in memory, every error (up to a bound) in a CSV file."""

    def __init__(self, limit=MAX_ERRORS):
        self.limit = limit
        self.kept = []
        self.count = 0
        self.rows = 0
        self._last_row = None
        self._spill = None
        self._text = None
        self._writer = None

    def add(self, error):
        self.count += 1
        if error["row"] != self._last_row:
            self.rows += 1
            self._last_row = error["row"]
        if len(self.kept) < self.limit:
            self.kept.append(error)
            return
        if self.count > MAX_ERRORS_IN_FILE:
            return
        if self._spill is None:
            # Open until save() or close(): it outlives any one block of the pass.
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115
            self._text = io.TextIOWrapper(self._spill, encoding="utf-8", newline="")
            self._writer = csv.writer(self._text)
            for kept in self.kept:
                self._write(kept)
        self._write(error)

    def _write(self, error):
        column, message = error["column"], error["message"]
        if not isinstance(column, dict):
            column = {language: column for language in LANGUAGES}
        self._writer.writerow(
            [error["row"], column["bn"], column["en"], message["bn"], message["en"]]
        )

    def save(self, job):
        """Store the full error CSV beside the job, when the report had to leave some out."""
        if self._spill is None:
            return ""
        from .storage import private_storage

        self._text.flush()
        self._spill.seek(0)
        return private_storage().save(f"errors/{job.pk}-errors.csv", File(self._spill))

    def close(self):
        if self._text is not None:
            self._text.close()
            self._text = self._spill = self._writer = None


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


# --- the passes -----------------------------------------------------------------------


@contextlib.contextmanager
def _application_frozen():
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


def _context(importer, job, committing):
    return ImportContext(
        importer=importer,
        job=job,
        user=job.uploaded_by,
        scope=job.scope,
        options=dict(job.options or {}),
        committing=committing,
    )


def _binary(field_file):
    handle = field_file.file
    return getattr(handle, "file", handle)


def _render_cells(plan, row):
    cells = []
    for column, index, _header in plan.slots:
        if index is None:
            continue
        shown = {}
        for language in LANGUAGES:
            with translation.override(language):
                shown[language] = column.parser.display(row.get(column.name))
        cells.append(shown["bn"] if shown["bn"] == shown["en"] else shown)
    return cells


def _columns_report(plan):
    return [
        {"name": column.name, "header": header, "label": Message(column.label).as_dict()}
        for column, index, header in plan.slots
        if index is not None
    ]


def check(job_id):
    """Pass 1, the dry run: read every row, write the report, change nothing else."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status__in=[Status.UPLOADED, Status.VALIDATING]
    ).update(status=Status.VALIDATING, rows_done=0, updated_at=timezone.now())
    if not claimed:
        return _status(job_id)
    job = ImportJob.objects.select_related("uploaded_by", "scope").get(pk=job_id)
    try:
        importer = registry.get(job.kind)()
    except LookupError:
        return _fail(job, Status.VALIDATING, f"no importer of kind {job.kind!r}")

    context = _context(importer, job, committing=False)
    errors = ErrorLog()
    duplicates = None
    progress = ProgressWriter(job.pk)
    report = {"preview": [], "columns": [], "ignored": []}
    total = 0
    try:
        with (
            _application_frozen(),
            job.file.open("rb"),
            open_table(_binary(job.file)) as table,
        ):
            plan, rows = bind_header(importer, table)
            report.update(
                header_row=plan.row_number,
                columns=_columns_report(plan),
                ignored=plan.ignored,
            )
            importer.start(context)
            duplicates = DuplicateCheck(importer, plan)
            for number, cells in rows:
                if _blank(cells):
                    continue
                total += 1
                row, row_errors = parse_row(importer, plan, number, cells, context)
                if not row_errors:
                    row_errors = duplicates.errors(row)
                for error in row_errors:
                    errors.add(error)
                if not row_errors and len(report["preview"]) < PREVIEW_ROWS:
                    report["preview"].append({"row": number, "cells": _render_cells(plan, row)})
                progress(total)
        if total == 0:
            raise FileProblem(
                _("The file has a header row but no rows of data."), row=plan.row_number
            )
    except FileProblem as problem:
        report["problem"] = problem.message.as_dict()
        errors.add(_error(problem.row or 1, "", None, problem.message))
    except Exception as exc:
        logger.exception("Import %s: checking the file failed", job.pk)
        errors.close()
        return _fail(job, Status.VALIDATING, repr(exc))
    finally:
        if duplicates is not None:
            duplicates.close()
        progress.close()

    report["errors"] = errors.kept
    report["error_rows"] = errors.rows
    try:
        error_file = errors.save(job)
    finally:
        errors.close()
    ImportJob.objects.filter(pk=job.pk, status=Status.VALIDATING).update(
        status=Status.INVALID if errors.count else Status.VALID,
        report=report,
        rows_total=total,
        rows_done=total,
        error_count=errors.count,
        error_file=error_file,
        validated_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if errors.count and importer.file_holds_personal_data:
        discard_file(job)
    return _status(job.pk)


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
        return _fail(job, Status.COMMITTING, f"no importer of kind {job.kind!r}")

    context = _context(importer, job, committing=True)
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
        return _fail(job, Status.COMMITTING, repr(exc))
    finally:
        progress.close()
    if importer.file_holds_personal_data:
        discard_file(job)
    job_committed.send(sender=type(importer), job=job)
    return Status.COMMITTED


def discard_file(job):
    """Remove a job's uploaded file from storage; the job keeps its name, size and report."""
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def _write(importer, job, context, progress):
    outcome = Outcome()
    done = 0
    with _application_frozen(), job.file.open("rb"), open_table(_binary(job.file)) as table:
        plan, rows = bind_header(importer, table)
        importer.start(context)
        batch = []
        for number, cells in rows:
            if _blank(cells):
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


STALE_UPLOAD_DAYS = 7


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
        _fail(job, job.status, "uploaded file removed unimported", reason)
        purged += 1
    return purged


def _lock(job_id):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, job_id])


def _fail(job, expected_status, detail, reason=None):
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
    return _status(job.pk)


def _status(job_id):
    return ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
