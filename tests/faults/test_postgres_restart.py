"""PostgreSQL restarts (a failover, a minor upgrade): the portal answers again within seconds.

The test runs the portal under gunicorn against a private PostgreSQL cluster holding a copy of
the test database, so restarting it disturbs nobody else."""

import json
import subprocess
import time

import pytest

from .conftest import database_url
from .services import PortalServer, PrivateCluster, wait_until

pytestmark = [pytest.mark.serial, pytest.mark.postgres, pytest.mark.django_db]

RECOVERY_SECONDS = 5


def copy_database(source_url, target_url):
    dump = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--dbname={source_url}"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={target_url}"],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )


def test_pages_recover_within_seconds_after_postgresql_restarts(poller):
    from django.db import connection

    cluster = PrivateCluster()
    server = None
    try:
        cluster.start()
        subprocess.run(
            ["psql", cluster.url("postgres"), "-qc", "CREATE DATABASE hlp_faults"], check=True
        )
        copy_database(database_url(connection.settings_dict["NAME"]), cluster.url("hlp_faults"))
        # Persistent connections are what a restart breaks; health checks must notice.
        server = PortalServer(DATABASE_URL=cluster.url("hlp_faults"), DATABASE_CONN_MAX_AGE=600)
        assert all(server.get("/")[0] == 200 for _ in range(6))

        with poller(server.base + "/") as requests:
            time.sleep(1)
            stopping = time.monotonic()
            cluster.restart()
            restarted = time.monotonic()
            time.sleep(RECOVERY_SECONDS + 1)

        before = requests.between(0, stopping)
        during = requests.between(stopping, restarted)
        after = [(moment, status) for moment, status in requests.samples if moment > restarted]
        first_success = next(moment for moment, status in after if status == 200)
        print(
            f"\nPostgreSQL restart took {restarted - stopping:.1f} s; "
            f"{len(during) - during.count(200)} of {len(during)} requests failed during it; "
            f"first page {first_success - restarted:.2f} s after the server was back"
        )
        assert before and all(status == 200 for status in before)
        assert first_success - restarted < RECOVERY_SECONDS
        # Once one request succeeded, every later one does: no poisoned connections linger.
        assert all(status == 200 for moment, status in after if moment >= first_success)
        assert all(server.get(path)[0] == 200 for path in ("/", "/en/", "/health/"))

        # While the database is down, /health/ says so (for the load balancer), then recovers.
        cluster.stop()
        status, body = server.get("/health/", timeout=30)
        assert status == 503, body[:500]
        assert json.loads(body)["database"]["ok"] is False
        cluster.start()
        wait_until(lambda: server.get("/health/")[0] == 200, 30, what="health after the start")
    finally:
        if server is not None:
            server.stop()
        cluster.remove()
