import datetime

import pytest

from registry.models import AccessAction, AccessLog

from .conftest import TEST_NID
from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(union):
    household = HouseholdFactory(lgi=union, code="খ-12", ward=4, female_headed=True)
    head = PersonFactory(
        household=household,
        name_bn="রহিমা খাতুন",
        name_en="Rahima Khatun",
        number="1234567890",
        date_of_birth=datetime.date(1960, 2, 1),
    )
    PersonFactory(household=household, name_bn="করিম", name_en="Karim", relation="son")
    BenefitFactory(person=head, fiscal_year="2023-24", amount=7200)
    household.refresh_flags()
    return household


@pytest.mark.parametrize(
    "prefix,name,amount", [("", "রহিমা খাতুন", "৭,২০০ টাকা"), ("/en", "Rahima Khatun", "7,200 BDT")]
)
def test_a_household_page_in_both_languages(client, officer, registered, prefix, name, amount):
    client.force_login(officer)
    response = client.get(f"{prefix}/registry/households/{registered.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert name in body and amount in body
    assert "1234567890" not in body
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_union_page_lists_households_with_bounded_queries(
    client, officer, union, registered, django_assert_max_num_queries
):
    for n in range(60):
        PersonFactory(household=HouseholdFactory(lgi=union, code=f"C{n:03d}"))
    client.force_login(officer)
    with django_assert_max_num_queries(18):
        response = client.get(f"/en/registry/unions/{union.key}/")
    assert response.status_code == 200
    assert len(response.context["page"]) == 50
    assert response.context["household_count"] == 61


def test_reveal_shows_the_number_once_and_logs_it(client, officer, registered):
    person = registered.members.get(relation="head")
    client.force_login(officer)
    assert client.get(f"/en/registry/persons/{person.pk}/reveal/").status_code == 405
    page = client.get(f"/en/registry/persons/{person.pk}/").content.decode()
    assert "•••••••890" in page and "1234567890" not in page
    revealed = client.post(f"/en/registry/persons/{person.pk}/reveal/").content.decode()
    assert "1234567890" in revealed
    entry = AccessLog.objects.get(action=AccessAction.REVEAL_ID)
    assert (entry.user, entry.target) == (officer, f"person {person.pk}")


@pytest.mark.parametrize("query", ["মোছাঃ রহিমা খাতুন", "rahima", "১২৩৪৫৬৭৮৯০"])
def test_search_by_name_or_number(client, editor, registered, query):
    client.force_login(editor)
    response = client.post("/en/registry/search/", {"q": query})
    assert [p.name_en for p in response.context["results"]] == ["Rahima Khatun"]
    entry = AccessLog.objects.get(action=AccessAction.SEARCH)
    assert entry.rows == 1
    assert "1234567890" not in entry.query


def test_search_only_looks_in_the_users_unions(client, editor, other_union):
    PersonFactory(household=HouseholdFactory(lgi=other_union), name_en="Rahima Khatun")
    client.force_login(editor)
    response = client.post("/en/registry/search/", {"q": "Rahima"})
    assert response.context["results"] == []


def test_a_household_is_marked_verified(client, officer, registered):
    client.force_login(officer)
    client.post(f"/en/registry/households/{registered.pk}/verify/")
    registered.refresh_from_db()
    assert registered.verified_year == datetime.date.today().year


def test_the_registry_index_for_staff_lists_their_union(client, officer, union, registered):
    client.force_login(officer)
    body = client.get("/en/registry/").content.decode()
    assert f"/en/registry/unions/{union.key}/" in body


def test_curators_keep_the_programme_list_in_the_admin(client, make_user):
    from portal import roles

    client.force_login(make_user("curator", roles.NILG_CURATOR))
    response = client.get("/admin/snippets/registry/programme/")
    assert response.status_code == 200
    assert "বয়স্ক ভাতা" in response.content.decode()


# --- a number written in groups, with a word before it ------------------------------------

WRITTEN_IN_GROUPS = [
    "1985 7512 3456 78901",
    "1985-7512-3456-78901",
    "NID 1985 7512 3456 78901",
    "nid no. 19857512345678901",
    "NID: 1985–7512–3456–78901",
    "এনআইডি ১৯৮৫ ৭৫১২ ৩৪৫৬ ৭৮৯০১",
    "এনআইডি নং: ১৯৮৫৭৫১২৩৪৫৬৭৮৯০১",
    "জন্মনিবন্ধন ১৯৮৫-৭৫১২-৩৪৫৬-৭৮৯০১",
    "জন্ম নিবন্ধন নম্বর 1985.7512.3456.78901",
]
# Pieces of the number that must not come back: in the log, in the page.
PIECES = ["19857512", "7512 3456", "7512-3456", "75123456", "৭৫১২", "34567890", "৩৪৫৬"]


@pytest.fixture
def numbered(union):
    return PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_en="Numbered Person",
        date_of_birth=datetime.date(1985, 3, 9),
        number=TEST_NID,
    )


def assert_no_piece(where, text):
    for piece in PIECES:
        assert piece not in text, f"{piece!r} in {where}"


@pytest.mark.parametrize("query", WRITTEN_IN_GROUPS)
def test_a_number_written_in_groups_is_searched_as_a_number(client, officer, numbered, query):
    client.force_login(officer)
    response = client.post("/en/registry/search/", {"q": query})
    assert [person.pk for person in response.context["results"]] == [numbered.pk]
    entry = AccessLog.objects.get(action=AccessAction.SEARCH)
    assert entry.query == "id " + "•" * 14 + "901"
    assert_no_piece("the access log", entry.query)
    assert_no_piece("the page", response.content.decode())


@pytest.mark.parametrize(
    "query",
    [
        "1985 7512 3456 7890",  # sixteen digits: no identity number, a name search
        "রহিমা 1985 7512 3456 78901",
        "১৯৮৫৭৫১২৩৪৫৬",
    ],
)
def test_a_long_number_that_is_not_one_is_masked_in_the_log_and_the_page(
    client, officer, numbered, query
):
    client.force_login(officer)
    response = client.post("/en/registry/search/", {"q": query})
    assert response.status_code == 200 and response.context["results"] == []
    entry = AccessLog.objects.get(action=AccessAction.SEARCH)
    assert entry.query.startswith("name ") and "•" in entry.query
    assert_no_piece("the access log", entry.query)
    assert_no_piece("the page", response.content.decode())


def test_a_refused_search_does_not_echo_a_number(client, officer, numbered):
    client.force_login(officer)
    response = client.post(
        "/en/registry/search/", {"q": "x" * 140 + " 1985 7512 3456 78901", "union": TEST_NID}
    )
    assert response.status_code == 200 and response.context["results"] is None
    body = response.content.decode()
    assert "No union or pourashava has the code" in body
    assert_no_piece("the page", body)
