"""Wagtail's search (`Page.objects.search()`, `.autocomplete()`, the admin and its choosers) reads
Bangla as the public search does, on the database and on Elasticsearch.

Each test runs on both engines (the `backend` fixture): the admin index is built with
`manage.py update_index`, as an operator builds it, and searched through Wagtail's own API. The
behaviours Wagtail's own backend tests check (search, filters, ordering, relevance, autocomplete,
facets, keeping the index current on save and delete) are checked here against the portal's
backend, with the portal's content.
"""

import io

from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest
from modelsearch.query import MATCH_ALL, Phrase, PlainText

import search
from places.models import Area
from practices.models import CircularPage, PracticePage, Theme
from search.wagtail import matching

from .conftest import keys, rebuild_admin_index


@pytest.fixture
def admin_index(corpus):
    """The corpus, indexed for Wagtail's search."""
    rebuild_admin_index(Page, Theme)
    return corpus


@pytest.fixture
def area_index(admin_index):
    rebuild_admin_index(Area)
    return admin_index


def test_update_index_builds_the_index(corpus):
    call_command("update_index", stdout=io.StringIO())
    assert practices_search("আর্সেনিকের") == {"tubewell-testing"}
    found = get_search_backend().autocomplete("Subil", Area.objects.all())
    assert Area.objects.get(key="UN1") in list(found[:3])


def settled():
    """Elasticsearch shows a write to searches within a second; a test does not wait."""
    get_search_backend().refresh_indexes()


def slugs(results):
    return {page.slug for page in results}


def practices_search(text, **kwargs):
    return slugs(PracticePage.objects.live().search(text, **kwargs))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("আর্সেনিক", {"tubewell-testing"}),
        # Inflected: আর্সেনিকের is আর্সেনিক; the glossary makes it arsenic too.
        ("আর্সেনিকের", {"tubewell-testing"}),
        ("arsenic", {"tubewell-testing"}),
        # Misspelt: corrected from the words the published documents have.
        ("arsnic", {"tubewell-testing"}),
        ("Sanitation", {"sanitation", "tubewell-testing"}),
        ("স্যানিটেশন", {"sanitation", "tubewell-testing"}),
        # The glossary: the abbreviation finds the committee's full name.
        ("ইউডিসিসি", {"udcc-meetings"}),
        ("কর্মশালাগুলোতে", {"workshop-practice", "open-budget"}),
    ],
)
def test_pages_are_found_in_bangla_and_english(admin_index, text, expected):
    assert practices_search(text) == expected


def test_the_admin_finds_what_the_public_search_finds(admin_index):
    """For published content, Wagtail's search and the public search agree."""
    for text in ("আর্সেনিকের", "arsenic", "স্যানিটেশন", "ইউডিসিসি", "Sanitation", "arsnic"):
        public = keys(search.query(text, filters={"type": ["practice"]}))
        admin = {f"practice:{page.pk}" for page in PracticePage.objects.live().search(text)}
        assert admin == public, text


def test_every_word_must_match(admin_index):
    assert practices_search("আর্সেনিক স্যানিটেশন") == {"tubewell-testing"}
    assert practices_search("আর্সেনিক কর্মশালা") == set()


def test_a_query_of_stop_words_finds_nothing(admin_index):
    assert practices_search("the and") == set()
    assert practices_search("   ") == set()


def test_autocomplete_finds_the_start_of_a_word(admin_index):
    assert slugs(PracticePage.objects.live().autocomplete("স্যানিটে")) == {
        "sanitation",
        "tubewell-testing",
    }
    assert slugs(PracticePage.objects.live().autocomplete("Total sanit")) == {"sanitation"}
    assert slugs(PracticePage.objects.live().autocomplete("tube we")) == {"tubewell-testing"}


def test_drafts_are_searchable_only_where_the_query_allows_them(admin_index):
    assert "draft" in slugs(PracticePage.objects.search("জলাবদ্ধতা"))
    assert practices_search("জলাবদ্ধতা") == set()
    assert keys(search.query("জলাবদ্ধতা")) == set()


def test_filters_and_ordering(admin_index):
    water = Theme.objects.get(slug="water")
    found = PracticePage.objects.live().filter(theme=water).search("Sanitation")
    assert slugs(found) == {"sanitation", "tubewell-testing"}
    assert slugs(PracticePage.objects.live().filter(year_identified__gt=2010).search("পানি")) == {
        "tubewell-testing"
    }
    ordered = PracticePage.objects.live().order_by("year_identified")
    found = ordered.search("স্যানিটেশন", order_by_relevance=False)
    assert [page.slug for page in found] == ["sanitation", "tubewell-testing"]


def test_wagtails_query_classes_counts_slices_and_scores(admin_index):
    backend = get_search_backend()
    live = PracticePage.objects.live()
    assert slugs(backend.search(Phrase("নলকূপের পানি"), live)) == {"tubewell-testing"}
    assert slugs(backend.search(Phrase("পানি নলকূপের"), live)) == set()
    either = PlainText("আর্সেনিকের") | PlainText("ইউডিসিসি")
    assert slugs(backend.search(either, live)) == {"tubewell-testing", "udcc-meetings"}
    both = PlainText("স্যানিটেশন") & PlainText("আর্সেনিকের")
    assert slugs(backend.search(both, live)) == {"tubewell-testing"}
    assert len(backend.search(MATCH_ALL, live)) == live.count()
    found = backend.search("স্যানিটেশন", live)
    assert found.count() == 2 and len(found[:1]) == 1 and len(found[1:]) == 1
    scored = list(backend.search("স্যানিটেশন", live).annotate_score("relevance"))
    assert all(page.relevance > 0 for page in scored)


def test_relevance_puts_a_title_match_first(admin_index):
    found = list(PracticePage.objects.live().search("স্যানিটেশন"))
    assert found[0].slug == "sanitation"


def test_facets(admin_index):
    found = PracticePage.objects.live().search("স্যানিটেশন")
    assert found.facet("circular_status") == {"circular_issued": 1, "none": 1}


def test_the_index_follows_saves_and_deletes(admin_index):
    page = admin_index.pages["tax-collection"]
    assert practices_search("হোল্ডিং") == {"tax-collection"}
    page.summary_bn = "পৌরকর আদায়ের হিসাব এখন অনলাইনে।"
    page.save_revision().publish()
    settled()
    assert practices_search("হোল্ডিং") == set()
    assert practices_search("অনলাইনে") == {"tax-collection"}
    page.delete()
    settled()
    assert practices_search("অনলাইনে") == set()


def test_a_draft_of_a_live_page_does_not_change_what_finds_it(admin_index):
    page = admin_index.pages["tax-collection"]
    page.title = "গোপন খসড়া শিরোনাম"
    page.save_revision()
    settled()
    assert slugs(PracticePage.objects.search("গোপন")) == set()
    assert practices_search("স্বচ্ছতা") == {"tax-collection"}


def test_circulars_by_memo_number_and_pages_of_every_type(admin_index):
    circular = admin_index.pages["arsenic-circular"]
    assert {page.pk for page in CircularPage.objects.search("৪৬.০০.০০০০")} >= {circular.pk}
    found = {page.specific_class for page in Page.objects.live().search("আর্সেনিক")}
    assert found == {PracticePage, CircularPage}


def test_areas_by_either_name_in_any_spelling(area_index):
    backend = get_search_backend()
    subil = Area.objects.get(key="UN1")
    for text in ("সুবিল", "Subil", "সুবি", "subi", "সুবিল দেবিদ্বার", "Subil Debidwar"):
        found = list(backend.autocomplete(text, Area.objects.all())[:5])
        assert subil in found, text
    cumilla = Area.objects.get(level="district", name_en="Cumilla")
    for text in ("Comilla", "Cumilla", "কুমিল্লা", "কুমিল্লার"):
        assert list(backend.autocomplete(text, Area.objects.all())[:1]) == [cumilla], text


def test_snippets_by_bangla_or_english_name(admin_index):
    backend = get_search_backend()
    water = Theme.objects.get(slug="water")
    for text in ("পানি", "sanitation", "Water"):
        assert list(backend.autocomplete(text, Theme)) == [water], text


def test_what_is_stored_is_the_analysis(db):
    assert matching.index_text("উপজেলাগুলোতে আর্সেনিকের Workshops") == "উপজেলা আর্সেনিক workshop"
    assert "xqkml" in matching.autocomplete_text("কুমিল্লা").split()
    assert matching.plan("the").is_empty


def test_a_practice_is_found_by_its_tags_in_either_language(corpus):
    from taggit.models import Tag

    from practices.models import TagName

    page = PracticePage.objects.get(slug="sanitation")
    page.tags.add("খোলা পায়খানা")
    page.save_revision().publish()
    TagName.objects.create(tag=Tag.objects.get(name="খোলা পায়খানা"), name_en="open latrines")
    rebuild_admin_index(Page)
    assert practices_search("পায়খানা") == {"sanitation"}
    assert practices_search("latrines") == {"sanitation"}
