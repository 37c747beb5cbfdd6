"""A job whose server stopped while checking or committing it (killed, restarted, out of
memory) does not stay "Checking" or "Importing" for ever: past the timeout since its last
progress it fails with a message in both languages, can be tried again, and the purge of
uploads holding personal data covers it."""

import datetime
from pathlib import Path

from django.utils import timezone

import pytest

from imports import runner, tasks
from imports.models import ImportJob

from .conftest import checked, new_job
from .test_commit import HEADER, pourashavas

SAVAR = [HEADER, ["Dhaka", "Savar", "সাভার", "Savar"], ["Dhaka", "Dhamrai", "ধামরাই", "Dhamrai"]]
Status = ImportJob.Status


def left_behind(job, status, ago, **fields):
    """What a server that stopped mid-way leaves: the job in `status`, its last progress
    written `ago` (the commit's transaction was rolled back by the database)."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, updated_at=timezone.now() - ago, **fields
    )
    job.refresh_from_db()
    return job


def page(client, job, language="/en"):
    return client.get(f"{language}/imports/{job.pk}/").content.decode()


@pytest.mark.django_db
def test_a_commit_whose_server_stopped_fails_and_is_tried_again_from_its_page(
    client, csv_file, curator, django_capture_on_commit_callbacks
):
    job = checked(csv_file(SAVAR), "pourashavas", curator)
    job = left_behind(job, Status.COMMITTING, datetime.timedelta(hours=2), rows_done=1)
    client.force_login(curator)

    shown = page(client, job)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "the server stopped while the rows were being written" in shown
    assert "Try the import again" in shown and f"/imports/{job.pk}/commit/" in shown
    assert "সার্ভার বন্ধ হয়ে গিয়েছিল" in job.report["failure"]["bn"]
    assert "stuck" in job.error_message
    assert client.get(f"/en/imports/{job.pk}/progress.json").json()["finished"] is True
    assert not pourashavas().exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == Status.COMMITTED
    assert pourashavas().count() == 2
    assert "failure" not in job.report


@pytest.mark.django_db
def test_a_job_that_shows_progress_is_not_stuck(client, csv_file, curator, settings):
    job = checked(csv_file(SAVAR), "pourashavas", curator)
    job = left_behind(job, Status.COMMITTING, datetime.timedelta(minutes=20))
    client.force_login(curator)

    assert "Importing" in page(client, job)
    assert tasks.fail_stuck_jobs.delay().get() == 0
    job.refresh_from_db()
    assert job.status == Status.COMMITTING

    settings.IMPORTS_JOB_TIMEOUT = 10 * 60
    assert tasks.fail_stuck_jobs.delay().get() == 1
    job.refresh_from_db()
    assert job.status == Status.FAILED


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.UPLOADED, Status.VALIDATING])
def test_a_check_whose_server_stopped_fails_and_its_personal_data_goes(
    client, csv_file, curator, forgetful, status
):
    job = new_job(csv_file(SAVAR), forgetful, curator)
    stored = Path(job.file.path)
    job = left_behind(job, status, datetime.timedelta(hours=2))

    assert tasks.fail_stuck_jobs.delay().get() == 1

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert not job.file and not stored.exists()
    assert "Upload the file again." in job.report["failure"]["en"]
    assert "আবার আপলোড করুন" in job.report["failure"]["bn"]
    client.force_login(curator)
    shown = page(client, job)
    assert "Upload the file again" in shown and f"/imports/{forgetful}/new/" in shown
    assert "Try the import again" not in shown


@pytest.mark.django_db
def test_the_purge_of_stale_uploads_covers_jobs_whose_server_stopped(csv_file, curator, forgetful):
    job = checked(csv_file(SAVAR), forgetful, curator)
    stored = Path(job.file.path)
    job = left_behind(job, Status.COMMITTING, datetime.timedelta(days=8))

    assert tasks.purge_stale_uploads.delay().get() == 1

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert not job.file and not stored.exists()
    assert "Upload it again" in job.report["failure"]["en"]
    assert not job.committable


@pytest.mark.django_db
def test_a_stopped_commit_keeps_its_file_for_the_retry_until_the_purge(
    csv_file, curator, forgetful
):
    job = checked(csv_file(SAVAR), forgetful, curator)
    job = left_behind(job, Status.COMMITTING, datetime.timedelta(hours=2))

    assert tasks.purge_stale_uploads.delay().get() == 0

    job.refresh_from_db()
    assert job.status == Status.FAILED and job.file and job.committable
    later = timezone.now() + datetime.timedelta(days=8)
    assert runner.purge_stale_uploads(now=later) == 1
    job.refresh_from_db()
    assert not job.file and not job.committable
