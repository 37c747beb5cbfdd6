"""All or nothing: the dry run writes nothing, a bad row anywhere writes nothing, a crash
writes nothing, a retry writes everything once."""

import threading

from django.db import connection

import pytest

from imports import registry
from imports.runner import PROGRESS_EVERY
from places.importers import PourashavaImporter
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


class PausingImporter(PourashavaImporter):
    kind = "pourashavas-pausing"
    reached = threading.Event()
    release = threading.Event()

    def commit_batch(self, rows, context):
        outcome = super().commit_batch(rows, context)
        context.cache["written"] = context.cache.get("written", 0) + len(rows)
        if context.cache["written"] == PROGRESS_EVERY + self.batch_size:
            self.reached.set()
            self.release.wait(60)
        return outcome


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_commit_transaction_is_open(
    tmp_path, curator, client, restore_base_data
):
    from imports import runner

    registry.register(PausingImporter)
    try:
        job = checked(many_pourashavas(tmp_path / "list.csv", 4_000), PausingImporter.kind, curator)

        def commit_in_a_worker():
            try:
                runner.commit(job.pk)
            finally:
                connection.close()

        worker = threading.Thread(target=commit_in_a_worker)
        worker.start()
        try:
            assert PausingImporter.reached.wait(60)
            client.force_login(curator)
            progress = client.get(f"/en/imports/{job.pk}/progress.json").json()
            # The bar has moved, while none of the rows are visible outside the transaction.
            assert progress["status"] == "committing"
            assert (progress["rows_done"], progress["rows_total"]) == (PROGRESS_EVERY, 4_000)
            assert progress["percent"] == PROGRESS_EVERY * 100 // 4_000
            assert not pourashavas().exists()
        finally:
            PausingImporter.release.set()
            worker.join(60)
        job.refresh_from_db()
        assert job.status == job.Status.COMMITTED
        assert pourashavas().count() == 4_000
    finally:
        registry.unregister(PausingImporter.kind)
