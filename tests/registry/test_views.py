import datetime

import pytest

from registry.models import AccessAction, AccessLog

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
