"""Whole public pages from the cache for visitors who are not signed in, made again as soon as
anything they show changes, and never kept for anyone else."""

import datetime

from django.core.cache import cache

from wagtail.models import PageViewRestriction

import pytest

from dashboards import versions
from hlp_site.models import HomePage
from places.models import Area
from portal.models import PortalSettings
from practices.models import PracticeIndexPage, Replication, ReplicationStatus
from search.models import GlossaryEntry
from tests.practices.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    # Searches here are answered by the database backend, whose index is this test's own (an
    # Elasticsearch index outlives the test's transaction).
    settings.ELASTICSEARCH_URL = ""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a change does once its transaction commits, as it does outside the tests."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def practice(committed):
    def make():
        PortalSettings.load()  # made on first use, which would change the data version
        home = HomePage.objects.get()
        index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
        page = PracticePageFactory(parent=index, title="খোলা বাজেট সভা", slug="open-budget")
        page.save_revision().publish()
        return page

    return committed(make)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response


def test_a_second_visitor_gets_the_same_page_from_the_cache(client, practice):
    first = get(client, practice.url)
    second = get(client, practice.url)
    assert first[HIT] == "miss"
    assert second[HIT] == "hit"
    assert second.text == first.text
    assert "খোলা বাজেট সভা" in second.text
    # What the outer layers add is still there on a cached page.
    assert "Content-Security-Policy" in second
    assert "Cookie" in second["Vary"]


def test_bangla_and_english_pages_are_kept_apart(client, practice):
    get(client, "/")
    get(client, "/en/")
    bangla, english = get(client, "/"), get(client, "/en/")
    assert bangla[HIT] == english[HIT] == "hit"
    assert 'lang="bn"' in bangla.text
    assert 'lang="en"' in english.text


def test_publishing_a_change_shows_at_once(client, practice, committed):
    get(client, practice.url)
    practice.title = "খোলা বাজেট সভা (সংশোধিত)"
    committed(lambda: practice.save_revision().publish())
    page = get(client, practice.url)
    assert page[HIT] == "miss"
    assert "খোলা বাজেট সভা (সংশোধিত)" in page.text


def test_a_new_replication_shows_on_the_practice_page_at_once(client, practice, committed):
    lgi = Area.objects.get(key="UN2")
    url = "/en" + practice.url.removeprefix("/en")
    assert lgi.name_en not in get(client, url).text
    committed(
        lambda: Replication.objects.create(
            practice=practice,
            lgi=lgi,
            status=ReplicationStatus.COMPLETED,
            end_date=datetime.date(2016, 6, 30),
        )
    )
    assert lgi.name_en in get(client, url).text


def test_unpublishing_takes_the_page_away_at_once(client, practice, committed):
    get(client, practice.url)
    committed(practice.unpublish)
    assert client.get(practice.url).status_code == 404


def test_a_search_finds_what_was_just_published(client, practice, committed):
    assert get(client, "/search/", q="নলকূপ")[HIT] == "miss"
    assert "/practices/tube-wells/" not in get(client, "/search/", q="নলকূপ").text

    def publish():
        page = PracticePageFactory(
            parent=practice.get_parent(), title="আর্সেনিকমুক্ত নলকূপ", slug="tube-wells"
        )
        page.save_revision().publish()

    committed(publish)
    assert "/practices/tube-wells/" in get(client, "/search/", q="নলকূপ").text


def test_a_glossary_entry_changes_searches_at_once(client, practice, committed):
    assert "/practices/open-budget/" not in get(client, "/en/search/", q="openbudgetmeeting").text
    committed(lambda: GlossaryEntry.objects.create(terms="খোলা বাজেট\nopenbudgetmeeting"))
    assert "/practices/open-budget/" in get(client, "/en/search/", q="openbudgetmeeting").text


def test_signed_in_users_never_get_or_leave_a_cached_page(client, practice, django_user_model):
    get(client, practice.url)
    editor = django_user_model.objects.create_user("editor", password="x-pass-12345")
    client.force_login(editor)
    mine = get(client, practice.url)
    assert HIT not in mine
    client.logout()
    client.cookies.clear()
    # The cached page is still the anonymous one, made before the user signed in.
    anonymous = get(client, practice.url)
    assert anonymous[HIT] == "hit"
    assert "editor" not in anonymous.text


def test_a_password_protected_page_is_never_kept(client, practice, committed):
    committed(
        lambda: PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.PASSWORD, password="গোপন-123"
        )
    )
    for _attempt in range(2):
        page = get(client, practice.url)
        assert page.get(HIT) != "hit"
        assert "খোলা বাজেট সভা" not in page.text.split("<main", 1)[-1]
        client.cookies.clear()


def test_the_key_names_one_state_of_the_data_even_after_a_restore(db, committed):
    committed(versions.bump)
    before = versions.stamp()
    committed(versions.bump)
    assert versions.stamp() != before
    # A restored backup may bring back an earlier version number, never the same moment.
    from dashboards.models import DataVersion

    DataVersion.objects.filter(pk=versions.PK).update(version=int(before.split(".")[0]))
    assert versions.stamp() != before


def test_every_model_named_as_shown_or_not_exists():
    from django.apps import apps

    from portal import public

    assert public._shown_models and public._shown_apps
    for label in public._shown_models | public._unshown_models:
        assert apps.get_model(label)
    for app_label in public._shown_apps:
        assert apps.get_app_config(app_label)
