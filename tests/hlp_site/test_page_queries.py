"""What a page costs the database when it is made afresh, as it is for everyone who is signed in
(the page cache serves only visitors who are not): at most 15 queries for a practice page with
2,000 replications and 12 for every other public page type, whoever reads it, once the parts that
change only with the data version are in the fragment cache. And those parts change as soon as
the data does."""

import datetime

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

import pytest

import search
from hlp_site.models import HomePage
from places.models import Area
from portal import roles
from portal.models import UserProfile
from practices import counts
from practices.models import (
    BudgetAllocation,
    CuratedListIndexPage,
    CuratedListItem,
    CuratedListPage,
    Replication,
    ReplicationStatus,
)
from search.backends import vocabulary
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import (
    CircularPageFactory,
    PracticePageFactory,
    ReplicationFactory,
    ThemeFactory,
)
from tests.workshops.factories import WorkshopPageFactory
from workshops.models import Decision, WorkshopIndexPage

pytestmark = pytest.mark.django_db

PRACTICE_PAGE_QUERIES = 15
PAGE_QUERIES = 12
READERS = [None, roles.UP_EDITOR, roles.NILG_CURATOR, roles.REGISTRY_OFFICER, roles.POLICYMAKER]


@pytest.fixture
def site(built, settings):
    """One page of every public type; the practice replicated 2,000 times with 600 budget
    lines, presented at a workshop, on a curated list and a circular. Each test starts with
    nothing kept: no fragment, and the index's words looked at again at the first search."""
    settings.ELASTICSEARCH_URL = ""
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.SEARCH_VOCABULARY_SECONDS = 5.0  # as deployed: the words are not re-read per query
    cache.clear()
    vocabulary.recheck()
    return built


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The pages, built once for the module inside a transaction rolled back after its last
    test (each test's own changes are rolled back after it, as usual)."""
    with (
        django_db_blocker.unblock(),
        override_settings(ELASTICSEARCH_URL=""),
        transaction.atomic(),
    ):
        yield build_site()
        transaction.set_rollback(True)


def build_site():
    practice_index, circular_index = page_tree()
    theme = ThemeFactory(name_bn="পানি", name_en="Water", slug="water")
    union = Area.objects.get(key="UN1")
    practice = PracticePageFactory(
        parent=practice_index, theme=theme, lgi=union, title="আর্সেনিকমুক্ত নলকূপ", slug="wells"
    )
    practice.tags.add("নলকূপ", "নিরাপদ পানি")
    practice.save()
    lgis = list(Area.objects.lgis().exclude(pk=union.pk).order_by("key")[:2001])
    Replication.objects.bulk_create(
        Replication(
            practice=practice,
            lgi=lgi,
            status=ReplicationStatus.COMPLETED if i % 40 else ReplicationStatus.ONGOING,
            end_date=datetime.date(2015, 1, 1) + datetime.timedelta(days=i),
            households_reached=10,
        )
        for i, lgi in enumerate(lgis[:2000])
    )
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(practice=practice, lgi=lgi, fiscal_year=year, allocated=1100, spent=550)
        for lgi in lgis[:300]
        for year in ("2019-20", "2020-21")
    )
    counts.recompute([practice.pk])
    circular = CircularPageFactory(parent=circular_index, slug="wells-circular")
    circular.practices.add(practice)
    lists = practice_index.add_child(
        instance=CuratedListIndexPage(title="বাছাই করা তালিকা", slug="lists")
    )
    best = lists.add_child(instance=CuratedListPage(title="সেরা", slug="best"))
    CuratedListItem.objects.create(curated_list=best, practice=practice)
    workshops = HomePage.objects.get().add_child(
        instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops")
    )
    workshop = WorkshopPageFactory(parent=workshops, slug="district-workshop")
    for number, text in enumerate(["সব ইউনিয়নে চালু হবে।", "খরচ ইউনিয়ন পরিষদ বহন করবে।"]):
        Decision.objects.create(workshop=workshop, text_bn=text, sort_order=number)
    search.rebuild()
    return {
        "practice": practice,
        "spare lgi": lgis[2000],
        "pages": {
            "home": "/",
            "catalogue": "/practices/",
            "curated lists": "/practices/lists/",
            "curated list": best.url,
            "circulars": "/circulars/",
            "circular": circular.url,
            "workshops": "/workshops/",
            "workshop": workshop.url,
            "dashboard": "/dashboard/",
            "area": "/areas/BD3026/",
            "union": f"/areas/{union.key}/",
            "data table": "/data/replications/",
            "search": "/search/?q=নলকূপ",
        },
    }


def reader(django_user_model, role, lgi):
    if role is None:
        return None
    user = django_user_model.objects.create_user(username="reader", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=role))
    profile, _created = UserProfile.objects.get_or_create(user=user)
    profile.national_scope = role == roles.REGISTRY_OFFICER
    profile.save()
    if role in (roles.UP_EDITOR, roles.REGISTRY_OFFICER):
        profile.lgis.set([lgi])
    return user


@pytest.mark.parametrize("role", READERS)
def test_a_practice_page_with_2000_replications_costs_at_most_15_queries(
    client, site, django_user_model, django_assert_max_num_queries, role
):
    user = reader(django_user_model, role, site["spare lgi"])
    if user is not None:
        client.force_login(user)
    url = site["practice"].url
    first = client.get(url).text
    with django_assert_max_num_queries(PRACTICE_PAGE_QUERIES):
        again = client.get(url).text
    assert "১,৯৫০" in again  # completed replications, from the kept figures
    assert again.count('<th scope="row"><a href="/areas/') == first.count(
        '<th scope="row"><a href="/areas/'
    )
    if role == roles.UP_EDITOR:
        assert 'id="we-did-this"' in again  # the part for the reader is made afresh
    if role == roles.REGISTRY_OFFICER:
        assert f"/registry/impact/{site['practice'].pk}/" in again


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "catalogue",
        "curated lists",
        "curated list",
        "circulars",
        "circular",
        "workshops",
        "workshop",
        "dashboard",
        "area",
        "union",
        "data table",
        "search",
    ],
)
def test_every_other_page_type_costs_at_most_12_queries(
    client, site, django_user_model, django_assert_max_num_queries, role, name
):
    user = reader(django_user_model, role, site["spare lgi"])
    if user is not None:
        client.force_login(user)
    path = site["pages"][name]
    assert client.get(path).status_code == 200
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(path).status_code == 200


def test_the_kept_parts_of_a_practice_page_change_with_the_data(
    client, site, django_capture_on_commit_callbacks
):
    practice = site["practice"]
    reached = set(practice.replications.values_list("lgi__district", flat=True))
    newcomer = Area.objects.lgis().exclude(district__in=reached).order_by("key").first()
    district = newcomer.district.name_bn
    url = practice.url
    assert f">{district}</a></th>" not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(practice=practice, lgi=newcomer)
    assert f">{district}</a></th>" in client.get(url).text


def test_a_preview_shows_the_draft_not_the_kept_parts_of_the_published_page(
    client, site, admin_user
):
    practice = site["practice"]
    assert "২০১৮" not in client.get(practice.url).text  # its parts are kept now
    draft = practice.get_latest_revision_as_object()
    draft.year_identified = 2018
    preview = draft.make_preview_request()
    assert preview.status_code == 200
    assert "২০১৮" in preview.content.decode()
