"""Elasticsearch really stopped: search answers from the database with a notice, and what was
published meanwhile reaches Elasticsearch once it is back.

The cluster is shared with other test runs, so the outage is kept short and Elasticsearch is
always started again.
"""

import os
import subprocess
from pathlib import Path

from django.core.cache import cache

import pytest

import search

from .conftest import ON_CI, keys

pytestmark = [pytest.mark.serial, pytest.mark.django_db, pytest.mark.elasticsearch]


def es_ctl():
    path = Path(os.environ.get("HLP_ES_CTL") or Path(__file__).resolve().parents[2] / ".ci/es-ctl")
    if not path.is_file():
        if ON_CI:
            pytest.fail(f"no Elasticsearch control script at {path}")
        pytest.skip(f"no Elasticsearch control script at {path} to stop and start it")
    return str(path)


@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
def test_search_survives_elasticsearch_going_down_and_catches_up(
    corpus, client, inline_tasks, django_capture_on_commit_callbacks, settings
):
    ctl = es_ctl()
    # Whole pages are cached for visitors: one answered without Elasticsearch must not be.
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    before = search.query("উন্মুক্ত বাজেট")
    assert keys(before) == {corpus.key("open-budget")}
    assert not before.degraded

    subprocess.run([ctl, "stop"], check=True, timeout=120, capture_output=True)
    try:
        during = search.query("উন্মুক্ত বাজেট")
        assert during.degraded
        assert keys(during) == {corpus.key("open-budget")}
        page = client.get("/en/search/", {"q": "উন্মুক্ত বাজেট"})
        assert page.status_code == 200
        assert "Reduced search." in page.content.decode()
        assert client.get("/api/v1/search/", {"q": "বাজেট"}).json()["degraded"] is True
        assert client.get("/health/").json()["search"]["ok"] is False

        new = corpus.add_practice(
            "waste", live=False, title="বর্জ্য ব্যবস্থাপনায় নারী উদ্যোক্তা", summary_bn="নতুন"
        )
        with django_capture_on_commit_callbacks(execute=True):
            new.save_revision().publish()
        assert keys(search.query("উদ্যোক্তা")) == {f"practice:{new.pk}"}
        for _visitor in range(2):
            page = client.get("/en/search/", {"q": "বাজেট"})
            assert "Reduced search." in page.content.decode()
            assert page["X-Page-Cache"] == "miss"
    finally:
        subprocess.run([ctl, "start"], check=True, timeout=600, capture_output=True)

    # The next visitor gets the full search again, not the reduced page of a minute ago.
    assert "Reduced search." not in client.get("/en/search/", {"q": "বাজেট"}).content.decode()

    after = search.query("উদ্যোক্তা")
    assert not after.degraded
    assert after.total == 0, "Elasticsearch missed the publication while it was down"

    report = search.reconcile()

    assert report["elasticsearch"] == {"updated": 1, "removed": 0}
    caught_up = search.query("উদ্যোক্তা")
    assert keys(caught_up) == {f"practice:{new.pk}"}
    assert not caught_up.degraded
