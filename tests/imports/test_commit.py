"""All or nothing: the dry run writes nothing, a bad row anywhere writes nothing, a crash
writes nothing, a retry writes everything once."""

from pathlib import Path

import pytest

from imports import registry
from imports.importers import PourashavaImporter
from places.models import Area, Level

from .conftest import checked, committed, new_job, write_csv

HEADER = ["district", "upazila", "name_bn", "name_en"]


def upazila_codes():
    return list(
        Area.objects.filter(level=Level.UPAZILA).order_by("code").values_list("code", flat=True)
    )


def many_pourashavas(path, count, last=None):
    """A file of `count` made-up pourashavas spread over every upazila, generated row by row."""
    codes = upazila_codes()

    def rows():
        yield HEADER
        for number in range(count - (1 if last else 0)):
            yield ["", codes[number % len(codes)], f"নগর {number}", f"Town {number}"]
        if last:
            yield last

    return write_csv(path, rows())


def pourashavas():
    return Area.objects.filter(level=Level.POURASHAVA)


@pytest.mark.django_db
def test_the_dry_run_writes_nothing(csv_file, curator):
    path = csv_file([HEADER, ["Dhaka", "Savar", "সাভার", "Savar"]])
    job = checked(path, "pourashavas", curator)

    assert job.status == job.Status.VALID
    assert job.report["preview"][0]["cells"][3] == "Savar"
    assert not pourashavas().exists()


@pytest.mark.django_db
def test_a_bad_row_at_the_end_of_a_large_file_writes_nothing(tmp_path, curator):
    path = many_pourashavas(tmp_path / "big.csv", 50_000, last=["", "BD9999", "নগর", "Town"])
    job = committed(checked(path, "pourashavas", curator))

    assert job.status == job.Status.INVALID
    assert job.rows_total == 50_000
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(50_001, "upazila")]
    assert not pourashavas().exists()


@pytest.mark.django_db
def test_a_row_that_went_bad_since_the_check_rolls_the_whole_commit_back(tmp_path, curator):
    path = many_pourashavas(
        tmp_path / "big.csv", 20_000, last=["Dhaka", "Dhamrai", "ধামরাই", "Dhamrai"]
    )
    job = checked(path, "pourashavas", curator)
    assert job.status == job.Status.VALID
    # The geography is corrected between the check and the commit: the last row, reached
    # after 19,999 rows were already written in the transaction, no longer fits.
    Area.objects.filter(code="BD30260014").update(name_en="Dhamroy", name_bn="ধামরয়")

    job = committed(job)

    assert job.status == job.Status.INVALID
    assert job.report["late"] is True
    assert [(e["row"], e["message"]["en"]) for e in job.report["errors"]] == [
        (20_001, "There is no upazila “Dhamrai” in Dhaka.")
    ]
    assert not pourashavas().exists()
    assert job.created_count == 0


class CrashingImporter(PourashavaImporter):
    kind = "pourashavas-crashing"
    crash_at_batch = 3

    def commit_batch(self, rows, context):
        context.cache["batches"] = context.cache.get("batches", 0) + 1
        if context.cache["batches"] == self.crash_at_batch:
            raise ConnectionError("the database went away")
        return super().commit_batch(rows, context)


@pytest.fixture
def crashing_importer():
    registry.register(CrashingImporter)
    yield CrashingImporter
    registry.unregister(CrashingImporter.kind)


@pytest.mark.django_db
def test_a_crash_mid_commit_writes_nothing_and_a_retry_writes_everything_once(
    tmp_path, curator, crashing_importer, client, django_capture_on_commit_callbacks
):
    path = many_pourashavas(tmp_path / "list.csv", 3_000)
    job = committed(checked(path, crashing_importer.kind, curator))

    assert job.status == job.Status.FAILED
    assert "Nothing was written" in job.report["failure"]["en"]
    assert not pourashavas().exists()
    client.force_login(curator)
    assert "Try the import again" in client.get(f"/en/imports/{job.pk}/").content.decode()

    crashing_importer.crash_at_batch = None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == job.Status.COMMITTED
    assert (job.created_count, pourashavas().count()) == (3_000, 3_000)

    # Delivered again (a broker redelivers after a lost acknowledgement), or the button
    # pressed again: a committed job is not written twice.
    committed(job)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert (job.status, job.created_count, pourashavas().count()) == (
        job.Status.COMMITTED,
        3_000,
        3_000,
    )


@pytest.mark.django_db
def test_a_commit_whose_worker_died_is_redone_whole(tmp_path, curator):
    path = many_pourashavas(tmp_path / "list.csv", 1_200)
    job = checked(path, "pourashavas", curator)
    # What a worker that died mid-commit leaves: the job claimed, its transaction rolled back
    # by the database, the task about to be delivered again.
    type(job).objects.filter(pk=job.pk).update(status=job.Status.COMMITTING, rows_done=500)

    job = committed(job)

    assert job.status == job.Status.COMMITTED
    assert (job.created_count, job.rows_done, pourashavas().count()) == (1_200, 1_200, 1_200)


@pytest.mark.django_db
def test_the_file_must_be_checked_before_it_is_committed(csv_file, curator):
    job = new_job(csv_file([HEADER, ["Dhaka", "Savar", "সাভার", "Savar"]]), "pourashavas", curator)

    job = committed(job)

    assert job.status == job.Status.UPLOADED
    assert not pourashavas().exists()


SAVAR = [HEADER, ["Dhaka", "Savar", "সাভার", "Savar"]]


@pytest.mark.django_db
def test_an_importer_can_have_the_uploaded_file_removed_once_written(csv_file, curator, forgetful):
    job = checked(csv_file(SAVAR), forgetful, curator)
    stored = Path(job.file.path)
    assert stored.exists()

    job = committed(job)

    assert job.status == job.Status.COMMITTED
    assert not job.file
    assert not stored.exists()
    assert pourashavas().count() == 1


@pytest.mark.django_db
def test_a_refused_file_holding_personal_data_is_removed_with_its_report_kept(
    csv_file, curator, forgetful
):
    job = checked(csv_file([HEADER, ["Dhaka", "Nowhere upazila", "", "Savar"]]), forgetful, curator)

    assert job.status == job.Status.INVALID
    assert job.error_count >= 1 and job.report["errors"]
    assert not job.file
    assert not list(Path(job.file.storage.location).rglob(job.original_name))


@pytest.mark.django_db
def test_an_upload_left_unimported_for_a_week_is_removed(csv_file, curator, forgetful):
    import datetime

    from django.utils import timezone

    from imports.models import ImportJob
    from imports.tasks import purge_stale_uploads

    waiting = checked(csv_file(SAVAR), forgetful, curator)
    kept = new_job(csv_file(SAVAR), "pourashavas", curator)
    stored = Path(waiting.file.path)
    ImportJob.objects.update(updated_at=timezone.now() - datetime.timedelta(days=8))

    assert purge_stale_uploads.delay().get() == 1

    waiting.refresh_from_db()
    assert waiting.status == ImportJob.Status.FAILED
    assert not waiting.file and not stored.exists()
    assert "Upload it again" in waiting.report["failure"]["en"]
    kept.refresh_from_db()
    assert kept.file, "files without personal data are not the purge's business"


class BrokenImporter(PourashavaImporter):
    kind = "pourashavas-broken"

    def validate(self, row, context):
        raise KeyError("a bug in the importer")


@pytest.mark.django_db
def test_a_bug_while_checking_fails_the_job_with_a_message_not_a_server_error(
    csv_file, curator, client
):
    registry.register(BrokenImporter)
    try:
        job = checked(
            csv_file([HEADER, ["Dhaka", "Savar", "সাভার", "Savar"]]), BrokenImporter.kind, curator
        )
        client.force_login(curator)
        page = client.get(f"/en/imports/{job.pk}/").content.decode()
    finally:
        registry.unregister(BrokenImporter.kind)

    assert job.status == job.Status.FAILED
    assert "a bug in the importer" in job.error_message
    assert "The import stopped because of an error on the server. Nothing was written." in page
    assert "Try the import again" not in page
