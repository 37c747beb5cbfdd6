"""Load test: 100 visitors for 60 s against gunicorn with the production settings.

    python -m benchmarks.load          (or `make load`)

Builds a throwaway portal on loopback only: a new PostgreSQL database on the server of
DATABASE_URL (default postgres://hlp:hlp@127.0.0.1:5432), the demo content, an Elasticsearch
index under its own prefix (ELASTICSEARCH_URL, default http://127.0.0.1:9200; without it search
runs on PostgreSQL and the table says so) and a private Redis server for cache and broker. Then
it serves the portal with gunicorn, runs the locust scenario in locustfile.py, prints requests/s,
p50/p95 and errors per kind of page, and removes everything it created.

Exits 1 when a request failed or the overall p95 is above the target.
Knobs: LOAD_USERS (100), LOAD_SECONDS (60), LOAD_WORKERS (gunicorn workers, 4),
LOAD_P95_TARGET_MS (300), LOAD_REGISTRY_PERSONS (2,000; see build.py).
"""

import contextlib
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

USERS = int(os.environ.get("LOAD_USERS", "100"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
P95_TARGET_MS = float(os.environ.get("LOAD_P95_TARGET_MS", "300"))


def say(message):
    print(f"[load] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loopback_only(url, what):
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"{what} must be on loopback for the load test, not {host!r}")
    return url


def responds(url):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except (urllib.error.URLError, OSError):
        return False


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up within {seconds} s")


class Stack:
    """Everything the run creates, removed again in `close()` whatever happened."""

    def __init__(self):
        self.tag = f"{os.getpid()}{secrets.token_hex(2)}"
        self.work = Path(tempfile.mkdtemp(prefix="hlp-load-"))
        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith(("postgres://", "postgresql://")):
            server = "postgres://hlp:hlp@127.0.0.1:5432/hlp"
        parts = urlsplit(loopback_only(server, "PostgreSQL"))
        self.database = f"hlp_load_{self.tag}"
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.database_url = urlunsplit(parts._replace(path=f"/{self.database}"))
        self.elasticsearch = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
        loopback_only(self.elasticsearch, "Elasticsearch")
        if not responds(self.elasticsearch.rstrip("/") + "/_cluster/health"):
            say(f"Elasticsearch does not answer at {self.elasticsearch}: search uses PostgreSQL")
            self.elasticsearch = ""
        self.index_prefix = f"hlp-load-{self.tag}"
        self.redis = None
        self.redis_port = free_port()
        self.gunicorn = None
        self.port = free_port()

    def environment(self, served=False):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="hlp_site.settings.production",
            SECRET_KEY=self.secret("secret-key"),
            REGISTRY_ID_KEY=self.secret("registry-id-key"),
            REGISTRY_ENCRYPTION_KEY=self.secret("registry-encryption-key"),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # The load generator connects to gunicorn directly.
            TRUSTED_PROXY_COUNT="0",
            # Plain HTTP on loopback: no TLS in front of gunicorn here.
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=self.database_url,
            STATIC_ROOT=str(self.work / "static"),
            MEDIA_ROOT=str(self.work / "media"),
            SEARCH_INDEX_PREFIX=self.index_prefix,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/1",
            LOG_LEVEL="WARNING",
        )
        if self.elasticsearch:
            env["ELASTICSEARCH_URL"] = self.elasticsearch
        # Building the demo runs its tasks inline; the served portal has a real broker.
        if served:
            env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        return env

    def secret(self, name):
        if not hasattr(self, "_secrets"):
            self._secrets = {}
        return self._secrets.setdefault(name, secrets.token_urlsafe(48))

    def manage(self, *args, served=False, capture=False):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.environment(served),
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def build(self):
        import psycopg

        started = time.monotonic()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')
        self.redis = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--bind", "127.0.0.1",
             "--port", str(self.redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.manage("migrate", "--noinput")
        demo = subprocess.run(
            [PYTHON, "-m", "benchmarks.load.build"],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if demo.returncode != 0:
            raise SystemExit(f"loading the demo failed:\n{demo.stderr[-3000:]}")
        self.manage("collectstatic", "--noinput")
        urls = subprocess.run(
            [PYTHON, "-m", "benchmarks.load.urls"],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if urls.returncode != 0:
            raise SystemExit(f"could not list the demo URLs:\n{urls.stderr[-3000:]}")
        (self.work / "urls.json").write_text(urls.stdout, encoding="utf-8")
        say(f"portal built in {time.monotonic() - started:.0f} s (database {self.database})")
        return json.loads(urls.stdout)

    def serve(self):
        log = open(self.work / "gunicorn.log", "wb")  # noqa: SIM115 (the child keeps it open)
        self.gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "hlp_site.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(WORKERS), "--timeout", "30", "--graceful-timeout", "5"],
            cwd=ROOT,
            env=self.environment(served=True),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        wait_for(lambda: responds(f"http://127.0.0.1:{self.port}/health/"), 60, "gunicorn")

    def close(self):
        if self.gunicorn and self.gunicorn.poll() is None:
            os.killpg(self.gunicorn.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.gunicorn.wait(15)
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)
        if self.elasticsearch:
            with contextlib.suppress(Exception):
                from elasticsearch import Elasticsearch

                client = Elasticsearch(self.elasticsearch, request_timeout=30)
                names = list(client.indices.get(index=f"{self.index_prefix}*"))
                if names:
                    client.indices.delete(index=",".join(names))
        with contextlib.suppress(Exception):
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.work, ignore_errors=True)


def warm_up(base, urls):
    for kind in ("home", "practice_lists", "practices", "dashboards", "api"):
        for url in urls[kind][:5]:
            with contextlib.suppress(urllib.error.URLError, OSError):
                urllib.request.urlopen(base + urllib.parse.quote(url, safe="/?=&"), timeout=30)


def run_locust(stack):
    prefix = stack.work / "locust"
    env = dict(os.environ, HLP_LOAD_URLS=str(stack.work / "urls.json"))
    command = [
        PYTHON, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
        "--users", str(USERS), "--spawn-rate", str(max(1, USERS // 5)),
        "--run-time", f"{SECONDS}s", "--stop-timeout", "5",
        "--host", f"http://127.0.0.1:{stack.port}",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    say(f"{USERS} visitors for {SECONDS} s against gunicorn ({WORKERS} workers)")
    subprocess.run(command, cwd=ROOT, env=env, timeout=SECONDS + 120, capture_output=True)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    failures = []
    with contextlib.suppress(FileNotFoundError), open(f"{prefix}_failures.csv") as handle:
        failures = list(csv.DictReader(handle))
    return rows, failures


def report(rows, failures):
    columns = ("page", "requests", "req/s", "p50 ms", "p95 ms", "errors")
    lines = [
        (
            row["Name"],
            row["Request Count"],
            f"{float(row['Requests/s']):.1f}",
            row["50%"],
            row["95%"],
            row["Failure Count"],
        )
        for row in rows
    ]
    widths = [max(len(c), *(len(line[i]) for line in lines)) for i, c in enumerate(columns)]
    print()
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    for failure in failures:
        print(f"error: {failure['Method']} {failure['Name']}: {failure['Error']} "
              f"({failure['Occurrences']}×)")  # fmt: skip
    total = next(row for row in rows if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    p95 = float(total["95%"])
    verdict = errors == 0 and p95 <= P95_TARGET_MS
    print(
        f"\ntotal: {float(total['Requests/s']):.1f} requests/s, p95 {p95:.0f} ms "
        f"(target {P95_TARGET_MS:.0f} ms), {errors} errors: {'OK' if verdict else 'MISSED'}"
    )
    return verdict


def main():
    stack = Stack()
    try:
        urls = stack.build()
        stack.serve()
        warm_up(f"http://127.0.0.1:{stack.port}", urls)
        rows, failures = run_locust(stack)
        return 0 if report(rows, failures) else 1
    finally:
        stack.close()


if __name__ == "__main__":
    sys.exit(main())
