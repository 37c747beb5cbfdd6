"""The scaled deployment: a real Celery worker on Redis, and PostgreSQL, where the progress
of a commit shows while its transaction is still open."""

import threading
import time

from django.contrib.auth.models import Group
from django.db import connection

import pytest
from celery.contrib.testing.worker import start_worker

from imports import registry
from imports.importers import PourashavaImporter
from imports.jobs import PROGRESS_EVERY
from imports.models import ImportJob
from places.models import Area, Level
from portal.celery import app
from portal.roles import NILG_CURATOR

from .conftest import checked, write_csv
from .test_commit import many_pourashavas, pourashavas


def wait_for(job, *statuses, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job.pk} still {job.status!r} after {timeout}s")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_an_import_is_checked_and_committed_by_a_real_worker(
    client, tmp_path, django_user_model, base_data_now, restore_base_data
):
    curator = django_user_model.objects.create_user("worker-curator", password="x-pass-12345")
    curator.groups.add(Group.objects.get(name=NILG_CURATOR))
    path = write_csv(
        tmp_path / "pourashavas.csv",
        [
            ["জেলা", "উপজেলা", "নাম (বাংলা)", "নাম (ইংরেজি)"],
            ["ঢাকা", "সাভার", "সাভার", "Savar"],
            ["ঢাকা", "ধামরাই", "ধামরাই", "Dhamrai"],
        ],
    )
    app.conf.task_always_eager = False
    client.force_login(curator)
    with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
        with open(path, "rb") as handle:
            response = client.post("/en/imports/pourashavas/new/", {"file": handle})
        job = ImportJob.objects.get()
        assert response.url == f"/en/imports/{job.pk}/"

        wait_for(job, ImportJob.Status.VALID, ImportJob.Status.INVALID, ImportJob.Status.FAILED)
        assert job.status == ImportJob.Status.VALID, job.report
        assert not Area.objects.filter(level=Level.POURASHAVA).exists()

        client.post(f"/en/imports/{job.pk}/commit/")
        wait_for(job, ImportJob.Status.COMMITTED, ImportJob.Status.FAILED)

    assert job.status == ImportJob.Status.COMMITTED, job.error_message
    assert job.created_count == 2
    assert set(Area.objects.filter(level=Level.POURASHAVA).values_list("name_en", flat=True)) == {
        "Savar",
        "Dhamrai",
    }
    assert "New records" in client.get(f"/en/imports/{job.pk}/").content.decode()


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
    tmp_path, django_user_model, client, base_data_now, restore_base_data
):
    from imports import runner

    curator = django_user_model.objects.create_user("progress-curator", password="x-pass-12345")
    curator.groups.add(Group.objects.get(name=NILG_CURATOR))
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
