import threading
import time

from django.db import connection

import pytest

from .services import get


def database_url(name):
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name}"
    )


class Poller:
    """Requests a URL in a loop from a background thread, recording (time, status)."""

    def __init__(self, url, interval=0.05):
        self.url = url
        self.interval = interval
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            status, _body = get(self.url, timeout=5)
            self.samples.append((time.monotonic(), status))
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    def between(self, start, end):
        return [status for moment, status in self.samples if start <= moment <= end]


@pytest.fixture
def poller():
    return Poller
