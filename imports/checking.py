"""Pass 1, the dry run (`check`): stream the file, parse and validate every row, refuse rows
that repeat an earlier one, and write the report: counts, a preview of the first rows as parsed,
and the errors (the first MAX_ERRORS in the report, all of them in a CSV beside it). It writes
nothing else."""

import csv
import hashlib
import io
import shutil
import sqlite3
import tempfile
from functools import partial
from pathlib import Path

from django.core.files import File
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.privacy import mask_identity_numbers

from . import registry
from .base import LANGUAGES, Message, key_part
from .headers import bind_header, is_blank
from .jobs import (
    MAX_ERRORS,
    ProgressWriter,
    Status,
    application_frozen,
    binary_file,
    discard_file,
    fail_job,
    job_status,
    logger,
    pass_context,
)
from .models import ImportJob
from .readers import FileProblem, open_table
from .rows import error_record, parse_row

MAX_ERRORS_IN_FILE = 100_000
PREVIEW_ROWS = 20


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
            return [error_record(row.number, self.headers[tuple(names)], None, message)]
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

    def save(self):
        """Store the full error CSV (under a random name), when the report had to leave some
        out; returns its name, or "" when there is none."""
        if self._spill is None:
            return ""
        from .storage import error_file_name, private_storage

        self._text.flush()
        self._spill.seek(0)
        return private_storage().save(error_file_name(), File(self._spill))

    def close(self):
        if self._text is not None:
            self._text.close()
            self._text = self._spill = self._writer = None


def _render_cells(plan, row):
    cells = []
    for column, index, _header in plan.slots:
        if index is None:
            continue
        shown = {}
        for language in LANGUAGES:
            with translation.override(language):
                # A shifted row can put a number into a text column: masked like a message.
                shown[language] = mask_identity_numbers(column.parser.display(row.get(column.name)))
        cells.append(shown["bn"] if shown["bn"] == shown["en"] else shown)
    return cells


def _columns_report(plan):
    return [
        {
            "name": column.name,
            "header": mask_identity_numbers(header),
            "label": Message(column.label).as_dict(),
        }
        for column, index, header in plan.slots
        if index is not None
    ]


def check(job_id):
    """Pass 1, the dry run: read every row, write the report, change nothing else."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status__in=[Status.UPLOADED, Status.VALIDATING]
    ).update(status=Status.VALIDATING, rows_done=0, updated_at=timezone.now())
    if not claimed:
        return job_status(job_id)
    job = ImportJob.objects.select_related("uploaded_by", "scope").get(pk=job_id)
    try:
        importer = registry.get(job.kind)()
    except LookupError:
        return fail_job(job, Status.VALIDATING, f"no importer of kind {job.kind!r}")

    context = pass_context(importer, job, committing=False)
    errors = ErrorLog()
    duplicates = None
    progress = ProgressWriter(job.pk)
    report = {"preview": [], "columns": [], "ignored": []}
    total = 0
    try:
        with (
            application_frozen(),
            job.file.open("rb"),
            open_table(binary_file(job.file)) as table,
        ):
            plan, rows = bind_header(importer, table)
            report.update(
                header_row=plan.row_number,
                columns=_columns_report(plan),
                # Cells of the header row that name no column: if the row was not a header
                # after all, they are someone's data.
                ignored=[mask_identity_numbers(header) for header in plan.ignored],
            )
            importer.start(context)
            duplicates = DuplicateCheck(importer, plan)
            for number, cells in rows:
                if is_blank(cells):
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
        errors.add(error_record(problem.row or 1, "", None, problem.message))
    except Exception as exc:
        logger.exception("Import %s: checking the file failed", job.pk)
        errors.close()
        return fail_job(job, Status.VALIDATING, repr(exc))
    finally:
        if duplicates is not None:
            duplicates.close()
        progress.close()

    report["errors"] = errors.kept
    report["error_rows"] = errors.rows
    try:
        error_file = errors.save()
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
    return job_status(job.pk)
