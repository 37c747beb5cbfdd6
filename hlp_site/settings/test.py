"""Settings for the test suite: the embedded default unless service URLs are set."""

import os
import re
import uuid

# Under pytest-xdist each worker process runs a session of its own: pytest-django gives it its
# own test database, and here it gets its own Redis databases (cache, broker and results, so
# that a real worker started by one session never takes another's tasks), its own media folders
# and its own Elasticsearch index prefix. The environment is rewritten, not only the settings,
# so that the processes a test starts (a portal, a worker) inherit the same.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER:
    _number = int(WORKER.removeprefix("gw"))
    for _name, _offset in (("CELERY_BROKER_URL", 2), ("REDIS_URL", 3)):
        _url = os.environ.get(_name, "")
        if _url.startswith("redis"):
            # Databases 2 to 15 of the server: two a worker, for up to seven workers.
            os.environ[_name] = re.sub(r"(/\d*)?$", f"/{_offset + 2 * _number}", _url, count=1)
    os.environ.pop("CELERY_RESULT_BACKEND", None)

from .base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "test-output" / WORKER / "media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Elasticsearch indices of a test session carry a prefix of their own, so that sessions side by
# side do not collide; the suite deletes them at its end (tests/conftest.py).
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX") or f"hlp-test-{uuid.uuid4().hex[:12]}"
if WORKER and not SEARCH_INDEX_PREFIX.endswith(f"-{WORKER}"):
    SEARCH_INDEX_PREFIX = f"{SEARCH_INDEX_PREFIX}-{WORKER}"
# Each test builds its own index: its vocabulary is read afresh.
SEARCH_VOCABULARY_SECONDS = 0
# Tasks run inline in tests, whatever the broker, so a test sees their effect at once; the tests
# that exercise a real worker on the broker switch this off for their duration.
CELERY_TASK_ALWAYS_EAGER = True
# Most tests change rows inside a transaction that never commits, so the version raise that
# makes a cached page fresh (it waits for the commit) would not happen: the page cache has its
# own tests (tests/hlp_site/test_pagecache.py), which commit.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
# Wagtail's search framework ships the models its own backend tests search (app "searchtests");
# tests/search/test_wagtail_backend_suite.py runs those tests against the portal's backends.
# Their migrations depend on the framework's app under the label "modelsearch", which Wagtail
# installs as "wagtailsearch", so the test database creates their tables without migrations.
INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp"]  # noqa: F405
MIGRATION_MODULES = {"searchtests": None}
