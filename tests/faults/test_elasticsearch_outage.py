"""Elasticsearch stops while visitors search: every search still answers, from the database,
with a notice; nothing answers 5xx; what was published meanwhile is in Elasticsearch once it is
back and reconciled.

A search a visitor made before the outage may still come from the page cache, with its full
results; the searches this test checks for the notice are ones nobody made before it, and a
search answered without Elasticsearch is never kept.

The portal runs under gunicorn against the test database. The Elasticsearch node is shared, so
this test stops it for as short a time as it can and always starts it again, and its indices
carry a prefix of their own, deleted at the end."""

import json
import os
import subprocess
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

import search
from practices.models import PracticeIndexPage, PracticePage, Theme
from tests.conftest import ON_CI
from tests.ops.conftest import ensure_base_data

from .conftest import database_url
from .services import ROOT, PortalServer, wait_until

pytestmark = [
    pytest.mark.serial,
    pytest.mark.postgres,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True),
]

TERM = "জলাবদ্ধতা"
NOTICE = "Reduced search."


def es_ctl():
    path = Path(os.environ.get("HLP_ES_CTL") or ROOT / ".ci" / "es-ctl")
    if not path.is_file():
        if ON_CI:
            pytest.fail(f"no Elasticsearch control script at {path}")
        pytest.skip(f"no Elasticsearch control script at {path}")
    return str(path)


def publish(index, theme, lgi, slug, title):
    page = PracticePage(
        title=title, slug=slug, summary_bn=title, theme=theme, lgi=lgi, year_identified=2019
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def corpus(restore_base_data, settings):
    from hlp_site.models import HomePage
    from places.models import Area
    from portal.celery import app

    ensure_base_data()
    settings.SEARCH_INDEX_PREFIX = f"hlp-faults-{uuid.uuid4().hex[:10]}"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    home = HomePage.objects.get()
    index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    theme = Theme.objects.create(name_bn="পানি", name_en="Water", slug="faults-water")
    lgi = Area.objects.get(key="UN1")
    before = publish(index, theme, lgi, "drainage", f"{TERM} দূর করতে খাল খনন")
    search.rebuild()
    yield index, theme, lgi, before
    app.conf.task_always_eager = eager
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
    names = list(client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}*"))
    if names:
        client.indices.delete(index=",".join(names))


def found(server, query, language=""):
    path = f"{language}/api/v1/search/?" + urllib.parse.urlencode({"q": query})
    status, body = server.get(path, timeout=20)
    assert status == 200, (path, status, body[:500])
    answer = json.loads(body)
    return answer, {hit["title"] for hit in answer["hits"]}


def test_search_answers_from_the_database_while_elasticsearch_is_down(corpus, poller, settings):
    from django.db import connection

    index, theme, lgi, before = corpus
    ctl = es_ctl()
    server = PortalServer(
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        ELASTICSEARCH_URL=settings.ELASTICSEARCH_URL,
        SEARCH_INDEX_PREFIX=settings.SEARCH_INDEX_PREFIX,
    )
    page = "/search/?" + urllib.parse.urlencode({"q": TERM})
    stopped = False
    try:
        answer, titles = found(server, TERM)
        assert not answer["degraded"]
        assert before.title in titles

        with poller(server.base + page, interval=0.1) as visitors:
            subprocess.run([ctl, "stop"], check=True, timeout=120, capture_output=True)
            stopped = True
            went_down = time.monotonic()
            fresh = "/search/?" + urllib.parse.urlencode({"q": TERM, "sort": "date"})
            for _visitor in range(2):
                status, html = server.get(fresh, timeout=30)
                assert status == 200
                assert NOTICE in html or "সীমিত অনুসন্ধান" in html
            answer, titles = found(server, TERM, "/en")
            assert answer["degraded"]
            assert before.title in titles
            during = publish(index, theme, lgi, "drainage-2", f"{TERM} নিরসনে নালা সংস্কার")
            answer, titles = found(server, TERM, "/en")
            assert during.title in titles, "the database backend has what was just published"
            subprocess.run([ctl, "start"], check=True, timeout=600, capture_output=True)
            stopped = False
            came_back = time.monotonic()
        errors = [status for _moment, status in visitors.samples if status >= 500 or status == 0]
        print(
            f"\nElasticsearch down for {came_back - went_down:.0f} s: "
            f"{len(visitors.samples)} searches, {len(errors)} failed"
        )
        assert visitors.samples and errors == []

        report = search.reconcile()
        assert report["elasticsearch"]["updated"] >= 1

        # Each portal process waits out its retry interval after the last failure, then asks
        # Elasticsearch again; every worker must be back on it, and the index complete.
        # Judged over several searches in a row, so that both workers answer: a worker whose
        # interval has not run out yet still answers from the database.
        def answered_by_elasticsearch():
            answers = [found(server, TERM) for _ in range(8)]
            return all(
                answer["backend"] == "elasticsearch"
                and not answer["degraded"]
                and {before.title, during.title} <= titles
                for answer, titles in answers
            )

        wait_until(answered_by_elasticsearch, 60, interval=1, what="searches on Elasticsearch")
    finally:
        if stopped:
            subprocess.run([ctl, "start"], check=False, timeout=600, capture_output=True)
        server.stop()
