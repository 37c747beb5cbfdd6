"""The judged questions about the demo content must keep finding what they found.

`benchmarks/relevance/judged.json` is asked of the portal's search over the demo content (as
`manage.py load_demo` loads it, less the registry's personal data, which is never searched).
The share of questions with a relevant document in the first five hits (recall@5) must not
fall below, and the share with no hit at all must not rise above, the floor recorded per
backend in `benchmarks/relevance/floor.json`. `make bench` prints the same figures by kind.
"""

import json
import time

from django.db import connection, transaction
from django.test.utils import override_settings

import pytest

import search
from benchmarks import relevance_bench as relevance

from .conftest import ES_URL, SESSION_PREFIX

pytestmark = pytest.mark.django_db

FLOOR = json.loads(relevance.FLOOR.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content and its search index, loaded once for this module inside a
    transaction rolled back after its last test; returns the seconds each step took."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(ELASTICSEARCH_URL="", SEARCH_INDEX_PREFIX=SESSION_PREFIX),
    ):
        timings = relevance.load_demo_content(
            apps=relevance.SEARCHED_DEMO_APPS, exclude=("search",)
        )
        started = time.perf_counter()
        search.rebuild()
        timings["search index"] = time.perf_counter() - started
        yield timings
        transaction.set_rollback(True)


def _floor(name):
    return FLOOR[name]["recall_at_5"], FLOOR[name]["empty"]


def _misses(result):
    return "; ".join(f"{o.question['id']} {o.question['query']!r}" for o in result.failures()[:15])


def test_the_judged_set_is_well_formed():
    questions = relevance.load_questions(relevance.JUDGED)
    heldout = relevance.load_questions(relevance.HELDOUT)

    assert len(questions) >= 170
    assert len(heldout) >= 40
    assert {q["kind"] for q in questions} == set(relevance.KINDS)
    assert not {q["query"] for q in questions} & {q["query"] for q in heldout}


def test_the_database_backend_keeps_its_floor(demo):
    questions = relevance.load_questions(relevance.JUDGED)

    result = relevance.score("database", questions, relevance.portal_search_on("database"))

    figures = result.figures()
    recall, empty = _floor(connection.vendor)
    assert figures["recall_at_5"] >= recall, (
        f"recall@5 {figures['recall_at_5']:.3f} fell below the floor {recall} on "
        f"{connection.vendor}; missed: {_misses(result)}"
    )
    assert figures["empty"] <= empty, (
        f"{figures['empty']:.1%} of questions found nothing, above the floor {empty:.0%}"
    )


@pytest.mark.elasticsearch
def test_elasticsearch_keeps_its_floor(demo, settings):
    settings.ELASTICSEARCH_URL = ES_URL
    search.rebuild()
    questions = relevance.load_questions(relevance.JUDGED)

    result = relevance.score(
        "elasticsearch", questions, relevance.portal_search_on("elasticsearch")
    )

    figures = result.figures()
    recall, empty = _floor("elasticsearch")
    assert figures["recall_at_5"] >= recall, (
        f"recall@5 {figures['recall_at_5']:.3f} fell below the floor {recall} on "
        f"Elasticsearch; missed: {_misses(result)}"
    )
    assert figures["empty"] <= empty, (
        f"{figures['empty']:.1%} of questions found nothing, above the floor {empty:.0%}"
    )
