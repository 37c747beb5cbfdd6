"""Throwaway copies of the services a fault test may break: its own PostgreSQL cluster, its own
Redis server, and the portal itself served by gunicorn in a subprocess.

Fault tests never stop the services other people use; Elasticsearch is the exception (CI has
only one node) and is restarted in a `finally` by the test that stops it."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).absolute().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout} s")


def get(url, timeout=5):
    """(status, body) of a GET; a refused or dropped connection is status 0."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _as_postgres(command, **kwargs):
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def postgres_bin(name):
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True
    )
    for directory in versions:
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if found:
        return found
    raise FileNotFoundError(f"{name} (PostgreSQL server binaries) not found")


class PrivateCluster:
    """A PostgreSQL cluster of its own in a temporary directory, on a free loopback port."""

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="hlp-faults-pg-"))
        self.data = self.directory / "data"
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        _as_postgres(
            [
                postgres_bin("initdb"),
                "-D",
                str(self.data),
                "-U",
                "hlp",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
            cwd="/",
        )

    def url(self, database):
        return f"postgres://hlp@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        _as_postgres(
            [postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60", *args],
            cwd="/",
        )

    def start(self):
        self._ctl("-l", str(self.directory / "server.log"), "start")

    def stop(self):
        self._ctl("-m", "fast", "stop")

    def restart(self):
        self._ctl("-m", "fast", "-l", str(self.directory / "server.log"), "restart")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


class PrivateRedis:
    """A Redis server of its own on a free loopback port, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self):
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, 15, what=f"Redis on port {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        wait_until(lambda: not self.ping(), 10, what="Redis stopped")


def service_environment(**overrides):
    """The environment for a subprocess of the portal: the caller's, minus service URLs that
    were not asked for, plus *overrides*."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
    }
    # Not the test settings (pytest puts them in this process's environment): they run every
    # task inline and fix the index prefix, and a fault test's subprocesses must use the broker
    # and index they are given, as a deployment does.
    environment["DJANGO_SETTINGS_MODULE"] = "hlp_site.settings.dev"
    environment.update({key: str(value) for key, value in overrides.items()})
    return environment


class PortalServer:
    """The portal under gunicorn on a free loopback port, in its own process group."""

    def __init__(self, workers=2, **environment):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkdtemp(prefix="hlp-faults-gunicorn-")) / "gunicorn.log"
        # The child keeps its own copy of the descriptor.
        with open(self.log, "wb") as log:
            self.process = self._spawn(workers, environment, log)
        try:
            wait_until(lambda: get(self.base + "/health/")[0] in {200, 503}, 60, what="gunicorn")
        except TimeoutError:
            self.stop()
            raise AssertionError(f"gunicorn did not start:\n{self.output()}") from None

    def _spawn(self, workers, environment, log):
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "hlp_site.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=service_environment(**environment),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def get(self, path, timeout=5):
        return get(self.base + path, timeout)

    def output(self):
        return self.log.read_text("utf-8", "replace")[-4000:]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
