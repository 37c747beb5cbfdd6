"""The same import, through a real Celery worker on Redis, as in a scaled deployment."""

import time

from django.contrib.auth.models import Group

import pytest
from celery.contrib.testing.worker import start_worker

from hlp_site.celery import app
from hlp_site.roles import NILG_CURATOR
from imports.models import ImportJob
from places.models import Area, Level

from .conftest import write_csv


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
    client, tmp_path, django_user_model, restore_base_data
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
    assert set(
        Area.objects.filter(level=Level.POURASHAVA).values_list("name_en", flat=True)
    ) == {"Savar", "Dhamrai"}
    assert "New records" in client.get(f"/en/imports/{job.pk}/").content.decode()
