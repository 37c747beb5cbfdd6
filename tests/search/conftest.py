"""A small fixture corpus of practices and circulars, and the backend it is searched on.

Behaviour tests take the `backend` fixture and run twice: on the database backend (SQLite, or
PostgreSQL when DATABASE_URL points at it) and on Elasticsearch (marked `elasticsearch`). The
Elasticsearch indices of a test session carry a prefix of their own (the test settings'), so
parallel runs do not collide, and are deleted at the end of the session (tests/conftest.py).
"""

import datetime
import os
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.utils import timezone

from wagtail.models import Site
from wagtail.search.backends import get_search_backend

import pytest
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index

import search
from places.models import Area
from practices.models import (
    CircularIndexPage,
    CircularPage,
    CircularStatus,
    PracticeIndexPage,
    PracticePage,
    Theme,
)
from search.models import GlossaryEntry

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
ON_CI = os.environ.get("CI", "").lower() == "true"
SESSION_PREFIX = django_settings.SEARCH_INDEX_PREFIX

GLOSSARY = [
    "arsenic\nআর্সেনিক",
    "UDCC\nইউডিসিসি\nইউনিয়ন উন্নয়ন সমন্বয় কমিটি",
    "disability\nপ্রতিবন্ধী",
]


def es_client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(ES_URL, request_timeout=10, max_retries=0)


def session_indices():
    """The concrete Elasticsearch indices this test session created."""
    if not ES_URL:
        return []
    return sorted(es_client().indices.get(index=f"{SESSION_PREFIX}-*", expand_wildcards="all"))


def rebuild_admin_index(*models):
    """Rebuild the admin index of `models` (Wagtail's search) as `manage.py update_index`
    rebuilds every model's (`test_wagtail_backend.py::test_update_index_builds_the_index` runs
    it): the 5,151 areas take seconds, and the framework's test models as long again."""
    backend = get_search_backend()
    wanted = [model for model in get_indexed_models() if issubclass(model, models)]
    for index, grouped in group_models_by_index(backend, wanted).items():
        rebuilder = backend.rebuilder_class(index)
        index = rebuilder.start()
        for model in grouped:
            index.add_model(model)
        for model in grouped:
            index.add_items(model, list(model.get_indexed_objects().order_by("pk")))
        rebuilder.finish()


@pytest.fixture(autouse=True)
def search_settings(settings):
    """The database backend unless a test asks for Elasticsearch; this session's index names."""
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_PREFIX = SESSION_PREFIX
    settings.SEARCH_ES_RETRY_AFTER = 0
    return settings


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = ES_URL
    return request.param


@pytest.fixture
def inline_tasks():
    """Run Celery tasks inline even where a broker is configured, as the embedded default does."""
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class Corpus:
    practice_index: PracticeIndexPage
    circular_index: CircularIndexPage
    themes: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)

    def key(self, name):
        page = self.pages[name]
        return f"{'circular' if isinstance(page, CircularPage) else 'practice'}:{page.pk}"

    def add_practice(self, name, *, live=True, **fields):
        fields.setdefault("slug", name)
        fields.setdefault("summary_bn", "")
        fields.setdefault("theme", self.themes["governance"])
        fields.setdefault("lgi", Area.objects.get(key="UN1"))
        fields.setdefault("year_identified", 2015)
        page = PracticePage(live=live, **fields)
        if live:
            page.first_published_at = timezone.now()
        self.practice_index.add_child(instance=page)
        self.pages[name] = page
        return page

    def add_circular(self, name, *, practices=(), **fields):
        fields.setdefault("slug", name)
        fields.setdefault("memo_number", "৪৬.০০.০০০০.০০০.০০")
        fields.setdefault("issuing_authority", "স্থানীয় সরকার বিভাগ")
        fields.setdefault("summary_bn", "")
        page = CircularPage(**fields)
        self.circular_index.add_child(instance=page)
        page.practices.set(practices)
        self.pages[name] = page
        return page


def keys(results):
    return {hit.key for hit in results.hits}


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def empty_corpus(home):
    GlossaryEntry.objects.all().delete()
    GlossaryEntry.objects.bulk_create(GlossaryEntry(terms=terms) for terms in GLOSSARY)
    corpus = Corpus(
        practice_index=home.add_child(
            instance=PracticeIndexPage(title="ভালো শিখন", slug="practices")
        ),
        circular_index=home.add_child(instance=CircularIndexPage(title="পরিপত্র", slug="circulars")),
    )
    corpus.themes = {
        slug: Theme.objects.create(slug=slug, name_bn=bn, name_en=en, sort_order=order)
        for order, (slug, bn, en) in enumerate(
            [
                ("water", "পানি ও স্যানিটেশন", "Water and sanitation"),
                ("governance", "সুশাসন", "Governance"),
                ("disability", "প্রতিবন্ধী অন্তর্ভুক্তি", "Disability inclusion"),
            ]
        )
    }
    return corpus


@pytest.fixture
def corpus(empty_corpus, backend):
    """A dozen practices and circulars in both languages, indexed in the backend under test."""
    c = empty_corpus
    union = Area.objects.get(key="UN1")
    elsewhere = Area.objects.lgis().exclude(division=union.division_id).order_by("pk").first()
    c.add_practice(
        "tubewell-testing",
        title="নলকূপের পানি পরীক্ষা",
        title_en="Arsenic testing of every tube well",
        summary_bn="ইউনিয়নের প্রতিটি নলকূপের পানি মাঠকর্মীরা পরীক্ষা করেন।",
        summary_en="Field workers test the water of every tube well in the union for arsenic.",
        theme=c.themes["water"],
        year_identified=2017,
        replication_count=62,
        is_best_practice=True,
        circular_status=CircularStatus.CIRCULAR_ISSUED,
    )
    c.add_practice(
        "open-budget",
        title="উন্মুক্ত বাজেট সভা",
        title_en="Open budget meeting",
        summary_bn="ইউনিয়ন পরিষদের বাজেট নিয়ে কর্মশালায় নাগরিকেরা মত দেন।",
        theme=c.themes["governance"],
        lgi=elsewhere,
        year_identified=2019,
        replication_count=12,
        circular_status=CircularStatus.NOMINATED,
    )
    c.add_practice(
        "udcc-meetings",
        title="ইউনিয়ন উন্নয়ন সমন্বয় কমিটির নিয়মিত সভা",
        summary_bn="প্রতি মাসে ইউনিয়ন উন্নয়ন সমন্বয় কমিটির সভায় সকল দপ্তর অংশ নেয়।",
        theme=c.themes["governance"],
        year_identified=2012,
        replication_count=55,
        is_best_practice=True,
        circular_status=CircularStatus.CIRCULAR_ISSUED,
    )
    c.add_practice(
        "disability-friendly",
        title="প্রতিবন্ধী বান্ধব ইউনিয়ন পরিষদ",
        summary_bn="ইউনিয়ন পরিষদ ভবনে র‍্যাম্প ও প্রতিবন্ধীদের জন্য আলাদা সেবা কেন্দ্র।",
        theme=c.themes["disability"],
        lgi=elsewhere,
        year_identified=2016,
        replication_count=51,
        is_best_practice=True,
        circular_status=CircularStatus.UNDER_REVIEW,
    )
    c.add_practice(
        "tax-collection",
        title="কর আদায়ে স্বচ্ছতা",
        summary_bn="হোল্ডিং কর আদায়ের হিসাব নোটিশ বোর্ডে টানানো হয়। ২০২৪ সালে আদায় দ্বিগুণ হয়।",
        theme=c.themes["governance"],
        year_identified=2021,
        replication_count=3,
    )
    c.add_practice(
        "sanitation",
        title="শতভাগ স্যানিটেশন",
        title_en="Total sanitation",
        summary_bn="সব পরিবারে স্বাস্থ্যসম্মত ল্যাট্রিন।",
        summary_en="Every household has a sanitary latrine since 2017.",
        theme=c.themes["water"],
        year_identified=2009,
        replication_count=85,
        is_best_practice=True,
    )
    c.add_practice(
        "workshop-practice",
        title="উপজেলা পর্যায়ের কর্মশালাগুলোতে শিখন বিনিময়",
        summary_bn="কর্মশালার পর ইউনিয়নগুলো একে অপরের ভালো শিখন অনুসরণ করে।",
        theme=c.themes["governance"],
        year_identified=2014,
        replication_count=7,
    )
    c.add_practice(
        "draft",
        live=False,
        title="খসড়া জলাবদ্ধতা নিরসন চর্চা",
        summary_bn="এখনো প্রকাশিত হয়নি।",
        theme=c.themes["water"],
    )
    c.add_circular(
        "arsenic-circular",
        title="আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা",
        summary_bn="আর্সেনিক দূষণ মোকাবিলায় ইউনিয়ন পরিষদের করণীয়।",
        date_issued=datetime.date(2020, 5, 10),
        practices=[c.pages["tubewell-testing"]],
    )
    c.add_circular(
        "udcc-circular",
        title="ইউডিসিসি গঠন ও কার্যপরিধি",
        title_en="Forming the union coordination committee",
        summary_bn="প্রতিটি ইউনিয়নে কমিটি গঠনের নির্দেশনা।",
        date_issued=datetime.date(2018, 2, 1),
        practices=[c.pages["udcc-meetings"]],
    )
    search.rebuild()
    return c
