"""Suite-wide fixtures: the geography in every test database, and real-service markers.

A test marked `postgres`, `redis`, `elasticsearch` or `browser` (the machine's Chromium, driven
by Playwright) runs against the real service. Where the service is absent it is skipped with the
reason, except under CI=true, where a missing service is a failure: CI starts them all.
"""

import io
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

import pytest

SERVICE_MARKERS = ("postgres", "redis", "elasticsearch", "browser")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ON_CI = os.environ.get("CI", "").lower() == "true"


@cache
def service_problem(name):
    """Why a service cannot be used here, or None when it answers."""
    if name == "postgres":
        from django.db import connection

        if connection.vendor != "postgresql":
            return "DATABASE_URL does not point at PostgreSQL"
        return None
    if name == "redis":
        url = os.environ.get("CELERY_BROKER_URL", "")
        if not url.startswith("redis"):
            return "CELERY_BROKER_URL does not point at Redis"
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            return f"Redis at {url} does not answer: {exc}"
        return None
    if name == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            return "ELASTICSEARCH_URL is not set"
        from elasticsearch import Elasticsearch

        try:
            # The CI distribution has no handler for GET /, so ask for cluster health instead.
            Elasticsearch(url, request_timeout=3, max_retries=0).cluster.health()
        except Exception as exc:  # any failure to reach the cluster is "absent"
            return f"Elasticsearch at {url} does not answer: {exc}"
        return None
    if name == "browser":
        if not Path(CHROMIUM).exists():
            return f"no Chromium at {CHROMIUM}"
        if find_spec("playwright") is None:
            return "the playwright package is not installed"
        return None
    raise ValueError(name)


def pytest_configure(config):
    # Processes the tests start (a portal served by gunicorn, a worker) read the test settings
    # too: they take the session's index prefix from here instead of drawing one of their own.
    os.environ["SEARCH_INDEX_PREFIX"] = settings.SEARCH_INDEX_PREFIX


@pytest.fixture(scope="session", autouse=True)
def drop_the_sessions_search_indices():
    """Every Elasticsearch index this session made (they all carry its prefix) is deleted at the
    end, whichever test made it."""
    yield
    if service_problem("elasticsearch") is not None:
        return
    from elasticsearch import Elasticsearch

    client = Elasticsearch(os.environ["ELASTICSEARCH_URL"], request_timeout=30, max_retries=0)
    pattern = f"{settings.SEARCH_INDEX_PREFIX}-*"
    for name in client.indices.get(index=pattern, expand_wildcards="all"):
        client.indices.delete(index=name, ignore_unavailable=True)


def pytest_runtest_setup(item):
    if item.get_closest_marker("serial") is not None and os.environ.get("PYTEST_XDIST_WORKER"):
        # It stops a service the other processes are using: their tests would fail at random.
        pytest.skip("takes a shared service away: runs alone (make test's serial pass)")
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name) is None:
            continue
        problem = service_problem(name)
        if problem is None:
            continue
        if ON_CI:
            pytest.fail(f"CI needs {name}: {problem}", pytrace=False)
        pytest.skip(f"needs {name}: {problem}")
    if item.get_closest_marker("sqlite") is not None:
        from django.db import connection

        if connection.vendor != "sqlite":
            pytest.skip("SQLite behaviour: runs in the suite's SQLite pass")


@pytest.fixture(autouse=True)
def no_elasticsearch_unless_asked(request, settings):
    """Only a test marked `elasticsearch` talks to Elasticsearch: the others search the
    database, so documents and pages that earlier tests indexed (and whose rows were rolled
    back) never show up in their results, whatever ELASTICSEARCH_URL the run has."""
    if request.node.get_closest_marker("elasticsearch") is None:
        settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def bangla_by_default():
    """Each test starts in the default language: a request to an English page activates
    English for the rest of the thread, and page URLs follow the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds Bangladesh's geography, loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_geography", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def restore_base_data(django_db_blocker):
    """For transactional tests: the flush after each of them empties every table, so put back
    what the suite expects (geography, roles, the page tree and its site, the seeded glossary)
    before the test runs.

    pytest-django runs transactional tests after the others, so only they need this.
    """
    with django_db_blocker.unblock():
        from places.models import Area

        quiet = {"verbosity": 0, "stdout": io.StringIO()}
        if not Area.objects.exists():
            call_command("load_geography", **quiet)
        call_command("sync_roles", **quiet)
        ensure_page_tree()
        ensure_glossary()
    yield


def ensure_glossary():
    """The glossary the search migrations seed, as every database starts with it."""
    from importlib import import_module

    from django.apps import apps

    from search.models import GlossaryEntry

    if not GlossaryEntry.objects.exists():
        for migration in ("0003_seed_glossary", "0006_glossary_of_the_field"):
            import_module(f"search.migrations.{migration}").seed(apps, None)


def ensure_page_tree():
    from wagtail.models import Locale, Page, Site

    from hlp_site.models import HomePage

    Locale.objects.get_or_create(language_code="bn")
    if Page.objects.filter(depth=1).exists():
        return
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="প্রথম পাতা", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def shared_dir():
    """The shared reference folder beside the repository (only CI and tests may read it)."""
    path = Path(os.environ.get("HLP_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
    if not path.is_dir():
        pytest.skip(f"no shared reference folder at {path}")
    return path


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--headless=new",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page():
    """A page of the machine's Chromium (1280 px wide), with the page's script errors."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page, errors
        browser.close()
        # A test that read the database between the browser's steps did so inside Playwright's
        # event loop, on a connection of that context: close it, or the test database cannot
        # be dropped at the end of the run.
        from django.db import connections

        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
            connections.close_all()
