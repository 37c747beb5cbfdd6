"""Keeping the index true: publishing and unpublishing, related rows, rebuild and reconcile."""

import datetime

import pytest

import search
from places.models import Area
from practices.models import PracticePage, Replication, ReplicationStatus

from .conftest import es_client, keys, session_indices

pytestmark = pytest.mark.django_db


def test_publishing_a_practice_makes_it_searchable(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    page = corpus.add_practice(
        "new-practice", live=False, title="বর্জ্য ব্যবস্থাপনায় নারী উদ্যোক্তা", summary_bn="নতুন"
    )
    assert search.query("উদ্যোক্তা").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert keys(search.query("উদ্যোক্তা")) == {f"practice:{page.pk}"}


def test_a_word_just_published_is_offered_as_a_correction_at_once(
    corpus, settings, inline_tasks, django_capture_on_commit_callbacks
):
    settings.SEARCH_VOCABULARY_SECONDS = 3600  # the index's words are not re-read per query
    page = corpus.add_practice(
        "new-words", live=False, title="Women entrepreneurs in waste management", summary_bn="নতুন"
    )
    assert search.query("entrepeneurs", language="en").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    results = search.query("entrepeneurs", language="en")
    assert results.corrected_from == "entrepeneurs"
    assert keys(results) == {f"practice:{page.pk}"}


def test_a_draft_of_a_published_practice_does_not_change_what_is_found(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    page = PracticePage.objects.get(pk=corpus.pages["open-budget"].pk)
    page.title = "গোপন খসড়া শিরোনাম"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
        search.index(page)

    assert search.query("গোপন").total == 0
    assert keys(search.query("উন্মুক্ত বাজেট")) == {corpus.key("open-budget")}


def test_unpublishing_and_deleting_take_a_practice_out(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    budget = PracticePage.objects.get(pk=corpus.pages["open-budget"].pk)
    sanitation = PracticePage.objects.get(pk=corpus.pages["sanitation"].pk)

    with django_capture_on_commit_callbacks(execute=True):
        budget.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        sanitation.delete()

    assert search.query("উন্মুক্ত বাজেট").total == 0
    assert search.query("ল্যাট্রিন").total == 0
    assert search.query("স্যানিটেশন").total == 1  # the other practice of the water theme


def test_renaming_the_catalogue_moves_every_practice_address(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    index = corpus.practice_index
    index.slug = "good-practices"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    hit = search.query("উন্মুক্ত বাজেট").hits[0]
    assert hit.url == "/good-practices/open-budget/"


def test_a_completed_replication_updates_the_practice_in_search(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    practice = corpus.pages["tax-collection"]
    before = search.query("কর আদায়ে").hits[0].replication_count
    lgis = Area.objects.lgis().exclude(pk=practice.lgi_id).order_by("pk")[:2]

    with django_capture_on_commit_callbacks(execute=True):
        for lgi in lgis:
            Replication.objects.create(
                practice=practice,
                lgi=lgi,
                status=ReplicationStatus.COMPLETED,
                end_date=datetime.date(2024, 6, 30),
            )

    expected = PracticePage.objects.get(pk=practice.pk).replication_count
    assert expected != before
    assert search.query("কর আদায়ে").hits[0].replication_count == expected


def test_changing_a_circulars_practices_changes_its_theme_facet(
    corpus, inline_tasks, django_capture_on_commit_callbacks
):
    circular = corpus.pages["udcc-circular"]
    with django_capture_on_commit_callbacks(execute=True):
        circular.practices.set([corpus.pages["sanitation"]])

    results = search.query("ইউডিসিসি", filters={"type": ["circular"]})
    assert [hit.facets["theme"] for hit in results.hits] == ["water"]


def test_rebuild_swaps_the_alias_and_searches_answer_meanwhile(corpus, backend):
    from search.service import elasticsearch

    es = elasticsearch()
    old = es.indices() if es else []
    answers = []

    def while_loading(done):
        answers.append(search.query("উন্মুক্ত বাজেট"))

    report = search.rebuild(on_progress=while_loading)

    assert report["database"] == PracticePage.objects.live().count() + 2
    if es is None:
        return
    assert answers, "the progress callback ran during the load"
    assert all(keys(a) == {corpus.key("open-budget")} and not a.degraded for a in answers)
    new = es.indices()
    assert new == [report["elasticsearch"]["index"]]
    assert not set(old) & set(session_indices()), "the old index is deleted"
    assert keys(search.query("উন্মুক্ত বাজেট")) == {corpus.key("open-budget")}


def test_reconcile_fixes_rows_changed_behind_the_index(corpus, backend):
    budget = corpus.pages["open-budget"]
    PracticePage.objects.filter(pk=budget.pk).update(title="অংশগ্রহণমূলক বাজেট প্রণয়ন")
    PracticePage.objects.filter(pk=corpus.pages["sanitation"].pk).update(live=False)
    assert search.query("অংশগ্রহণমূলক").total == 0

    report = search.reconcile()

    assert report["database"] == {"updated": 1, "removed": 1}
    assert keys(search.query("অংশগ্রহণমূলক")) == {corpus.key("open-budget")}
    assert search.query("ল্যাট্রিন").total == 0
    assert search.reconcile()["database"] == {"updated": 0, "removed": 0}


def test_the_hourly_beat_task_catches_up_what_the_index_missed(corpus, backend, inline_tasks):
    from portal.celery import app
    from search.tasks import reconcile_index

    entry = app.conf.beat_schedule["search-reconcile-index"]
    assert entry["task"] == reconcile_index.name
    assert entry["schedule"].minute == {20} and entry["schedule"].hour == set(range(24))
    PracticePage.objects.filter(pk=corpus.pages["open-budget"].pk).update(
        title="অংশগ্রহণমূলক বাজেট প্রণয়ন"
    )
    assert search.query("অংশগ্রহণমূলক").total == 0

    reconcile_index.delay()

    assert keys(search.query("অংশগ্রহণমূলক")) == {corpus.key("open-budget")}


@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
@pytest.mark.elasticsearch
def test_reconcile_restores_a_document_deleted_from_elasticsearch(corpus):
    from search.service import elasticsearch

    alias = elasticsearch().alias
    es_client().delete(index=alias, id=corpus.key("open-budget"), refresh=True)
    assert search.query("উন্মুক্ত বাজেট").total == 0

    report = search.reconcile()

    assert report["elasticsearch"] == {"updated": 1, "removed": 0}
    assert keys(search.query("উন্মুক্ত বাজেট")) == {corpus.key("open-budget")}


def test_search_index_command_rebuilds_and_reconciles(corpus, backend):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("search_index", "reconcile", stdout=out)
    assert "search_index reconcile" in out.getvalue()
    call_command("search_index", "rebuild", "--no-progress", stdout=out)
    assert "search_index rebuild" in out.getvalue()
    assert keys(search.query("উন্মুক্ত বাজেট")) == {corpus.key("open-budget")}
