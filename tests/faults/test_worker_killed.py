"""A Celery worker dies (SIGKILL: out of memory, a node lost) in the middle of committing a
registry import. Nothing of the half-done import is visible; running the job again finishes it
with every row written once: no duplicate, nothing missing.

The worker is a real `celery worker` process on a private Redis server, committing a file of
several thousand persons into the test database on PostgreSQL."""

import csv
import os
import signal
import subprocess
import sys
import time

from django.contrib.auth.models import Group

import pytest
from celery import Celery

from imports.models import ImportJob
from places.models import Area
from portal import roles
from portal.models import UserProfile
from registry.models import Household, Person
from tests.ops.conftest import ensure_base_data

from .conftest import database_url
from .services import ROOT, PrivateRedis, service_environment, wait_until

pytestmark = [
    pytest.mark.serial,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

PERSONS = 12_000
HEADER = ["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "জন্ম তারিখ", "এনআইডি নং"]


def write_register(path):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(PERSONS):
            year = 1950 + number % 50
            writer.writerow(
                [
                    f"W-{number // 3:05d}",
                    1 + (number // 3) % 9,
                    f"কর্মী পরীক্ষা {number}",
                    "মহিলা" if number % 2 else "পুরুষ",
                    f"01/01/{year}",
                    f"{year}{number:013d}",
                ]
            )


def start_worker(log, env):
    with open(log, "ab") as output:
        return _spawn(output, env)


def _spawn(output, env):
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "hlp_site", "worker",
            "--pool", "solo", "--concurrency", "1", "--loglevel", "INFO",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


@pytest.fixture
def checked_job(restore_base_data, settings, tmp_path, django_user_model):
    from django.core.files import File

    from imports import runner
    from registry.importers import KIND
    from registry.models import ensure_standard_programmes

    ensure_base_data()
    ensure_standard_programmes()
    settings.MEDIA_ROOT = tmp_path / "media"
    union = Area.objects.get(key="UN1")
    officer = django_user_model.objects.create_user("fault-officer", password="x-pass-12345")
    officer.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.update_or_create(user=officer)[0].lgis.set([union])
    path = tmp_path / "register.csv"
    write_register(path)
    job = ImportJob(
        kind=KIND,
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=officer,
        scope=union,
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    status = runner.check(job.pk)
    job.refresh_from_db()
    assert status == ImportJob.Status.VALID, job.report.get("errors", [])[:3]
    return job


def test_rerunning_an_import_after_its_worker_was_killed_writes_every_row_once(
    checked_job, settings, tmp_path, monkeypatch
):
    from django.db import connection

    job = checked_job
    union = job.scope
    broker = PrivateRedis()
    env = service_environment(
        CELERY_BROKER_URL=broker.url,
        CELERY_RESULT_BACKEND=broker.url,
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        # The worker reads the uploaded file from where this test saved it.
        MEDIA_ROOT=settings.MEDIA_ROOT,
    )
    # Celery prefers these variables to the URLs an app is given: without this, the task would
    # go to the shared broker, where this test's worker never sees it.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    # Not the current app: tasks sent by later tests must keep going to the portal's own app.
    sender = Celery(broker=broker.url, backend=broker.url, set_as_current=False)
    log = tmp_path / "worker.log"
    worker = None
    try:
        broker.start()
        worker = start_worker(log, env)
        sender.send_task("imports.tasks.commit_job", args=[job.pk])

        def committing_halfway():
            job.refresh_from_db()
            assert job.status != ImportJob.Status.FAILED, job.error_message
            assert worker.poll() is None, log.read_text()[-3000:]
            return job.status == ImportJob.Status.COMMITTING and job.rows_done > 0

        try:
            wait_until(committing_halfway, 300, interval=0.2, what="the commit under way")
        except TimeoutError:
            pytest.fail(f"job {job.status} {job.rows_done}; worker: {log.read_text()[-3000:]}")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        killed_at = job.rows_done
        # The dead worker's transaction is rolled back by PostgreSQL: nothing half-written.
        time.sleep(1)
        assert Person.objects.filter(lgi=union).count() == 0
        assert Household.objects.filter(lgi=union).count() == 0

        worker = start_worker(log, env)
        result = sender.send_task("imports.tasks.commit_job", args=[job.pk])
        assert result.get(timeout=600) == ImportJob.Status.COMMITTED
        print(f"\nworker killed after {killed_at:,} of {PERSONS:,} rows; the re-run finished")
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait(20)
        broker.stop()
        sender.close()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED
    persons = Person.objects.filter(lgi=union)
    assert persons.count() == PERSONS
    assert persons.values("id_hash").distinct().count() == PERSONS
    assert Household.objects.filter(lgi=union).count() == len(range(0, PERSONS, 3))
