"""Redis (the Celery broker and the shared cache) goes away: pages keep working, sign-in too, a
task sent meanwhile is refused with a clear error, and the same task sent again after Redis is
back runs to completion.

The portal (gunicorn), the sender and the worker are subprocesses pointed at a private Redis
server that this test starts and stops; the shared one is never touched."""

import http.cookiejar
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import database_url
from .services import ROOT, PortalServer, PrivateRedis, service_environment

pytestmark = [pytest.mark.serial, pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db]

# Pages a visitor opens; those an app has not built answer 404 before and after alike.
PAGES = [
    "/",
    "/en/",
    "/practices/",
    "/en/practices/",
    "/circulars/",
    "/workshops/",
    "/dashboard/",
    "/search/?q=%E0%A6%86%E0%A6%B0%E0%A7%8D%E0%A6%B8%E0%A7%87%E0%A6%A8%E0%A6%BF%E0%A6%95",
]

SEND = """
import json, time, django
django.setup()
from places.tasks import load_geography
started = time.monotonic()
try:
    result = load_geography.delay()
    outcome = {"sent": True, "summary": result.get(timeout=120) if WAIT else None}
except Exception as exc:
    outcome = {"sent": False, "error": f"{type(exc).__name__}: {exc}"}
outcome["seconds"] = round(time.monotonic() - started, 2)
print(json.dumps(outcome))
"""


def failed_sign_in(server):
    """Status of a sign-in with a wrong password, made as a browser does (form, then POST)."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(server.base + "/admin/login/", timeout=10) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong-password"}
    ).encode()
    request = urllib.request.Request(
        server.base + "/admin/login/", data=data, headers={"Referer": server.base + "/admin/"}
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def send_task(broker_url, db_url, wait):
    result = subprocess.run(
        [sys.executable, "-c", f"WAIT = {wait!r}\n{SEND}"],
        cwd=ROOT,
        env=service_environment(
            CELERY_BROKER_URL=broker_url, CELERY_RESULT_BACKEND=broker_url, DATABASE_URL=db_url
        ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_worker(broker_url, db_url):
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "hlp_site", "worker",
            "--pool", "solo", "--concurrency", "1", "--loglevel", "WARNING",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
        ],
        cwd=ROOT,
        env=service_environment(
            CELERY_BROKER_URL=broker_url, CELERY_RESULT_BACKEND=broker_url, DATABASE_URL=db_url
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_pages_work_without_redis_and_tasks_fail_clearly_then_succeed_on_retry():
    from django.db import connection

    db_url = database_url(connection.settings_dict["NAME"])
    broker = PrivateRedis()
    server = worker = None
    try:
        broker.start()
        cache_url = broker.url.replace("/0", "/1")
        server = PortalServer(
            CELERY_BROKER_URL=broker.url, REDIS_URL=cache_url, DATABASE_URL=db_url
        )
        with_redis = {path: server.get(path)[0] for path in PAGES}
        assert with_redis["/"] == 200
        assert json.loads(server.get("/health/")[1])["broker"]["ok"] is True

        broker.stop()
        without_redis = {path: server.get(path)[0] for path in PAGES}
        assert without_redis == with_redis
        # The sign-in form (its failure counts live in the cache) still answers.
        assert failed_sign_in(server) == 200
        status, body = server.get("/health/")
        assert status == 503
        assert json.loads(body)["broker"]["ok"] is False

        refused = send_task(broker.url, db_url, wait=False)
        assert refused["sent"] is False
        # The publisher says what is missing: the broker (kombu) or the result store in it.
        assert re.search(r"OperationalError|Connection refused|result store", refused["error"])
        assert refused["seconds"] < 30

        broker.start()
        worker = start_worker(broker.url, db_url)
        retried = send_task(broker.url, db_url, wait=True)
        assert retried["sent"] is True, retried
        # The geography was already loaded: the task checked every row and changed none.
        assert "0 created" in retried["summary"]
        print(
            f"\nbroker down: task refused after {refused['seconds']} s ({refused['error']!r}); "
            f"after restart the retry ran in {retried['seconds']} s"
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(20)
        if server is not None:
            server.stop()
        broker.stop()
