"""The admin's searches as a NILG curator and a UP editor use, on the database and on
Elasticsearch: the page search (`/admin/pages/search/`), the page chooser and the area chooser.

They understand Bangla, English, inflected and misspelt words as the public search does, find
what it finds, and never name another LGI's draft to a UP editor.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page

import pytest

import search
from places.models import Area
from portal import roles
from portal.models import UserProfile
from practices import editorial
from practices.models import BudgetAllocation, Replication, Theme
from workshops.models import ExposureVisit

from .conftest import keys, rebuild_admin_index

OTHER_DRAFT = "অন্য ইউনিয়নের আর্সেনিক খসড়া"
OTHER_CHANGE = "অন্য ইউনিয়নের আর্সেনিক শিরোনাম বদল"
OWN_DRAFT = "সুবিলের আর্সেনিক খসড়া"
QUERIES = ["আর্সেনিক", "আর্সেনিকের", "arsenic", "arsnic", "স্যানিটেশন", "ইউডিসিসি"]
CHOOSER_TARGET_MS = 200
PAGE_SEARCHES = ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"]


@pytest.fixture
def admin_corpus(corpus):
    """The corpus with drafts of Subil's editor and of another union, indexed for the admin."""
    assert editorial.ensure()
    union = Area.objects.get(key="UN1")
    other = corpus.pages["open-budget"].lgi
    summary = {"summary_bn": "এখনো জমা দেওয়া হয়নি।"}
    corpus.add_practice("own-draft", live=False, title=OWN_DRAFT, lgi=union, **summary)
    corpus.add_practice("other-draft", live=False, title=OTHER_DRAFT, lgi=other, **summary)
    for name in ("own-draft", "other-draft"):
        corpus.pages[name].save_revision()
    changed = corpus.pages["disability-friendly"]
    changed.title = OTHER_CHANGE
    changed.save_revision()
    # What these searches look in; `test_wagtail_backend.py` runs `update_index` itself.
    rebuild_admin_index(Page, Theme, Replication, BudgetAllocation, ExposureVisit)
    return corpus


@pytest.fixture
def area_corpus(admin_corpus):
    rebuild_admin_index(Area)
    return admin_corpus


def make_user(django_user_model, username, role, lgis=()):
    user = django_user_model.objects.create_user(username=username, password="x-pass-12345")
    user.groups.add(Group.objects.get(name=role))
    profile, _created = UserProfile.objects.get_or_create(user=user)
    profile.lgis.set(lgis)
    return user


@pytest.fixture
def curator(django_user_model, db):
    return make_user(django_user_model, "curator", roles.NILG_CURATOR)


@pytest.fixture
def editor(django_user_model, db):
    return make_user(django_user_model, "up-editor", roles.UP_EDITOR, [Area.objects.get(key="UN1")])


def page(client, url_name, q):
    response = client.get(reverse(url_name), {"q": q})
    assert response.status_code == 200, q
    return response.content.decode()


def titles_of_practices_found_publicly(text):
    found = search.query(text, filters={"type": ["practice"]}, per_page=100)
    return {hit.title for hit in found.hits}


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"]
)
def test_the_curator_finds_what_the_public_search_finds_and_every_draft(
    client, curator, admin_corpus, url_name
):
    client.force_login(curator)
    for text in QUERIES:
        html = page(client, url_name, text)
        public = titles_of_practices_found_publicly(text)
        assert public, text
        assert all(title in html for title in public), text
    html = page(client, url_name, "আর্সেনিকের")
    assert OTHER_DRAFT in html and OWN_DRAFT in html


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"]
)
def test_a_up_editor_finds_their_own_work_and_never_another_unions_draft(
    client, editor, admin_corpus, url_name
):
    client.force_login(editor)
    for text in [*QUERIES, "খসড়া", "শিরোনাম বদল", "প্রতিবন্ধী"]:
        html = page(client, url_name, text)
        assert OTHER_DRAFT not in html and OTHER_CHANGE not in html, text
    html = page(client, url_name, "আর্সেনিকের")
    assert OWN_DRAFT in html
    assert admin_corpus.pages["tubewell-testing"].title in html


def test_the_public_search_never_shows_a_draft(admin_corpus):
    for text in ("আর্সেনিক", "খসড়া", "শিরোনাম বদল"):
        found = keys(search.query(text))
        assert (
            not {f"practice:{admin_corpus.pages[name].pk}" for name in ("own-draft", "other-draft")}
            & found
        )
        titles = {hit.title for hit in search.query(text).hits}
        assert OTHER_CHANGE not in titles


AREA_CHOOSER = "wagtailsnippetchoosers_places_area:choose_results"


@pytest.mark.parametrize("role", ["curator", "editor"])
def test_the_area_chooser_finds_an_area_by_any_name_with_its_place_and_level(
    client, request, area_corpus, role
):
    client.force_login(request.getfixturevalue(role))
    for text in ("সুবিল", "Subil", "সুবি", "subil debidwar", "সুবিল দেবিদ্বার"):
        html = page(client, AREA_CHOOSER, text)
        assert "সুবিল · দেবিদ্বার · কুমিল্লা" in html, text
        assert "ইউনিয়ন" in html or "Union" in html, text
    html = page(client, AREA_CHOOSER, "Comilla")
    assert "কুমিল্লা" in html and ("জেলা" in html or "District" in html)


def test_the_area_chooser_answers_within_200_ms(client, editor, area_corpus):
    """Over all 5,151 areas, whole answers (search, page of ten, rendering). Each query's best of
    three, so other work on a shared machine does not count."""
    client.force_login(editor)
    timings = {}
    for text in ["কুমিল্লা", "Debidwar", "সুবি", "ban", "চর", "Comilla", "দেবিদ্বার উপজেলা"]:
        for _attempt in range(3):
            started = time.perf_counter()
            page(client, AREA_CHOOSER, text)
            elapsed = (time.perf_counter() - started) * 1000
            timings[text] = min(elapsed, timings.get(text, elapsed))
    assert statistics.median(timings.values()) < CHOOSER_TARGET_MS, timings
    assert max(timings.values()) < 2 * CHOOSER_TARGET_MS, timings


def test_the_area_chooser_browses_by_level_then_bangla_name(client, curator, area_corpus):
    client.force_login(curator)
    response = client.get(reverse(AREA_CHOOSER))
    html = response.content.decode()
    divisions = sorted(Area.objects.filter(level="division").values_list("name_bn", flat=True))
    positions = [html.index(name) for name in divisions]
    assert positions == sorted(positions)


def test_snippet_listings_search_in_bangla_and_english(client, curator, admin_corpus):
    client.force_login(curator)
    for text in ("পানি", "Water", "sanitation"):
        html = page(client, "wagtailsnippets_practices_theme:list", text)
        assert "পানি ও স্যানিটেশন" in html, text
        assert "সুশাসন" not in html, text


@pytest.mark.parametrize(
    ("url_name", "text"),
    [
        ("wagtailsnippets_practices_replication:list", "আর্সেনিক"),
        ("wagtailsnippets_practices_budgetallocation:list", "Subil"),
        ("wagtailsnippets_workshops_exposurevisit:list", "সুবিল"),
    ],
)
def test_a_up_editors_snippet_listings_answer_a_search(
    client, editor, admin_corpus, url_name, text
):
    """Each listing is kept to the editor's LGIs by a filter the search must accept."""
    client.force_login(editor)
    response = client.get(reverse(url_name), {"q": text})
    assert response.status_code == 200, response.status_code


def test_the_admin_search_answers_while_elasticsearch_does_not(
    client, curator, empty_corpus, settings
):
    """No cluster at the address: the page search and the page chooser answer, with nothing
    found, instead of failing."""
    assert editorial.ensure()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    client.force_login(curator)
    for url_name in PAGE_SEARCHES:
        assert page(client, url_name, "আর্সেনিক")
