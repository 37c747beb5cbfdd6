"""On the embedded SQLite database an import's commit holds the single write lock from start to
end; other users go on reading, and their writes (a sign-in's session and last login, a
registry page's access log) wait for it, never fail with "database is locked". The commit
never holds the lock longer than the others wait (a share of the busy timeout): one that would
is stopped and rolled back, and has written nothing.

Run for real, on a database file in WAL mode with the portal's own OPTIONS: a commit in one
thread, a registry officer signing in and opening the union's registry page in another. (The
rest of the suite runs on an in-memory database, shared between threads, where none of this
applies: each test here copies it into a file first.)"""

import sqlite3
import threading
import time

from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

import pytest

from imports import registry, runner
from imports.importers import PourashavaImporter
from places.models import Area, Level
from portal import roles

from .conftest import checked
from .test_commit import many_pourashavas

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True)]

ROWS = 2_000
PASSWORD = "x-pass-12345"


class SlowPourashavaImporter(PourashavaImporter):
    """Pourashavas in small batches, each taking a while (as the registry's hashing and
    encryption do), so that the commit lasts seconds; it says when it has begun."""

    kind = "pourashavas-slowly"
    batch_size = 20
    pause = 0.05
    writing = threading.Event()

    def commit_batch(self, rows, context):
        outcome = super().commit_batch(rows, context)
        self.writing.set()
        time.sleep(self.pause)
        return outcome


@pytest.fixture
def slow_importer():
    SlowPourashavaImporter.writing = threading.Event()
    registry.register(SlowPourashavaImporter)
    yield SlowPourashavaImporter
    registry.unregister(SlowPourashavaImporter.kind)


@pytest.fixture
def scene(tmp_path, base_data_now, restore_base_data, make_user, slow_importer):
    """A checked job of ROWS pourashavas and a registry officer, in a database file."""
    from registry.models import ensure_standard_programmes

    ensure_standard_programmes()
    make_user("officer", roles.REGISTRY_OFFICER, lgis=[Area.objects.get(key="UN1")])
    curator = make_user("importer", roles.NILG_CURATOR)
    job = checked(many_pourashavas(tmp_path / "list.csv", ROWS), slow_importer.kind, curator)
    assert job.status == job.Status.VALID, job.report
    path = tmp_path / "portal.sqlite3"
    copy = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    return job, path


def on_file(path, timeout=None):
    """Make this thread's default database the file, with the portal's OPTIONS (and another
    busy timeout, if given)."""
    options = dict(connection.settings_dict["OPTIONS"])
    if timeout is not None:
        options["timeout"] = timeout
    settings_dict = {**connection.settings_dict, "NAME": str(path), "OPTIONS": options}
    connections["default"] = DatabaseWrapper(settings_dict, "default")


def in_thread(path, work, timeout=None):
    """Run `work()` in a thread of its own on the database file; return the thread and a dict
    that gets its result (or exception) and the time it finished."""
    outcome = {}

    def run():
        on_file(path, timeout)
        try:
            outcome["result"] = work()
        except Exception as exc:  # reported by the test, not lost in the thread
            outcome["error"] = exc
        finally:
            outcome["finished"] = time.monotonic()
            connections["default"].close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def officer_visit():
    """Sign in and open the union's registry page (which writes the access log)."""
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    signed_in = client.post("/admin/login/", {"username": "officer", "password": PASSWORD})
    page = client.get("/en/registry/unions/UN1/")
    return {
        "sign_in": (signed_in.status_code, signed_in.get("Location")),
        "page": page.status_code,
        "seconds": time.monotonic() - started,
    }


def stored(path):
    """What the database file holds after the test: the job and the pourashavas."""
    from imports.models import ImportJob
    from registry.models import AccessLog

    def read():
        job = ImportJob.objects.get()
        return {
            "status": job.status,
            "failure": (job.report.get("failure") or {}).get("en", ""),
            "pourashavas": Area.objects.filter(level=Level.POURASHAVA).count(),
            "access_log": AccessLog.objects.filter(user__username="officer").count(),
        }

    thread, outcome = in_thread(path, read)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def test_others_sign_in_and_read_the_registry_while_a_long_commit_runs(scene, slow_importer):
    job, path = scene

    committer, commit = in_thread(path, lambda: runner.commit(job.pk))
    assert slow_importer.writing.wait(60), "the commit did not start"
    visitor, visit = in_thread(path, officer_visit)
    committer.join(120)
    visitor.join(120)

    assert "error" not in commit and "error" not in visit, (commit, visit)
    assert commit["result"] == job.Status.COMMITTED
    assert visit["result"]["sign_in"] == (302, "/registry/")
    assert visit["result"]["page"] == 200
    # The officer's writes waited for the commit to end, and then went through.
    assert visit["finished"] >= commit["finished"] - 0.5
    assert stored(path) == {
        "status": job.Status.COMMITTED,
        "failure": "",
        "pourashavas": ROWS,
        "access_log": 1,
    }


def test_a_commit_longer_than_others_may_wait_is_stopped_and_writes_nothing(scene, slow_importer):
    job, path = scene
    # Others wait up to 4 s here; the whole commit would take more than 4 s (100 batches of
    # at least 0.05 s), so it must give the lock back after three quarters of that, 3 s.
    timeout = 4
    assert ROWS / slow_importer.batch_size * slow_importer.pause > timeout

    started = time.monotonic()
    committer, commit = in_thread(path, lambda: runner.commit(job.pk), timeout)
    assert slow_importer.writing.wait(60), "the commit did not start"
    visitor, visit = in_thread(path, officer_visit, timeout)
    committer.join(120)
    visitor.join(120)

    assert "error" not in commit and "error" not in visit, (commit, visit)
    assert commit["result"] == job.Status.FAILED
    assert commit["finished"] - started < timeout
    assert visit["result"]["sign_in"] == (302, "/registry/")
    assert visit["result"]["page"] == 200
    assert stored(path) == {
        "status": job.Status.FAILED,
        "failure": (
            "Writing this file would have kept the other users of the portal waiting for more "
            "than 3 seconds, so it was stopped and nothing was written. Split the file into "
            "smaller files and import them one after the other."
        ),
        "pourashavas": 0,
        "access_log": 1,
    }
