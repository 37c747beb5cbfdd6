"""Where import files live: uploads and error reports, in private storage with no public address.

The files may hold personal data (names and identity numbers of a union's list), so they are
kept under ``settings.PRIVATE_MEDIA_ROOT`` (unset: a folder ``private`` beside ``MEDIA_ROOT``),
outside ``MEDIA_ROOT`` and anything else a web server serves, in ``imports/`` beneath it. Every
name is random (``uploads/2026/01/<uuid>.csv``, ``errors/<uuid>.csv``): nothing in it says whose
file it is or which job it belongs to. The storage refuses to make a URL: users reach an error
report only through ``/imports/<id>/errors.csv``, which checks that the job is theirs to see
(its owner, or a user whose role and LGIs the importer allows), and the uploads not at all.

Before private storage existed, the files were kept under ``MEDIA_ROOT/imports/``, and error
reports were named after their job; :func:`move_legacy_files` (run by a data migration) moves
them here, renames the error reports and masks the identity numbers their messages quoted.
"""

import csv
import logging
import shutil
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from portal.privacy import mask_identity_numbers, mask_in

logger = logging.getLogger(__name__)

FOLDER = "imports"


def private_root() -> Path:
    """The private media folder: ``PRIVATE_MEDIA_ROOT``, else ``private`` beside ``MEDIA_ROOT``."""
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    return Path(settings.MEDIA_ROOT).parent / "private"


class PrivateImportStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(private_root() / FOLDER)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Import files have no public URL.")


@cache
def private_storage():
    return PrivateImportStorage()


def error_file_name():
    """A new, random name for a job's error report."""
    return f"errors/{uuid.uuid4().hex}.csv"


def legacy_location() -> Path:
    """Where import files were kept before: inside MEDIA_ROOT, which a web server serves."""
    return Path(settings.MEDIA_ROOT) / FOLDER


def _masked_csv(source: Path, target: Path):
    with (
        open(source, encoding="utf-8", newline="") as reading,
        open(target, "w", encoding="utf-8", newline="") as writing,
    ):
        writer = csv.writer(writing)
        for line in csv.reader(reading):
            writer.writerow([mask_identity_numbers(cell) for cell in line])


def move_legacy_files(job_model):
    """Move the files of `job_model`'s jobs from ``MEDIA_ROOT/imports/`` to private storage.

    Uploads keep their (random) names; error reports get a random one and their messages are
    masked on the way; each job's report and technical error are masked as well. Files that
    no job refers to any more are moved too, under ``unreferenced/``, so that nothing of the
    old folder stays public. Each step is written before the old file goes, so it is safe to
    run again after an interruption. Returns how many files were moved.
    """
    old = legacy_location()
    new = Path(private_storage().location)
    moved = 0
    for job in job_model.objects.all().iterator():
        if job.file.name and (old / job.file.name).is_file():
            target = new / job.file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old / job.file.name, target)
            moved += 1
        if job.error_file.name and (old / job.error_file.name).is_file():
            source, name = old / job.error_file.name, error_file_name()
            (new / name).parent.mkdir(parents=True, exist_ok=True)
            _masked_csv(source, new / name)
            job_model.objects.filter(pk=job.pk).update(error_file=name)
            source.unlink()
            moved += 1
        report = mask_in(job.report or {})
        error_message = mask_identity_numbers(job.error_message)
        if report != (job.report or {}) or error_message != job.error_message:
            job_model.objects.filter(pk=job.pk).update(report=report, error_message=error_message)
    if old.is_dir():
        try:
            leftovers = sorted(path for path in old.rglob("*") if path.is_file())
        except FileNotFoundError:  # another process is moving them (parallel test databases)
            leftovers = []
        for leftover in leftovers:
            target = new / "unreferenced" / leftover.relative_to(old)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.move(leftover, target)
            except FileNotFoundError:
                continue
            moved += 1
            logger.warning("An import file no job refers to was moved to %s", target)
        shutil.rmtree(old, ignore_errors=True)
    return moved
