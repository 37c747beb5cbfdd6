"""Access boundaries: personal data only for the union's registry officers and UP editors and for
NILG's registry officers; every registry URL tried by every role against a foreign union."""

import datetime
import re

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import URLPattern

import pytest

from portal import roles
from registry import urls as registry_urls
from registry.access import Reach
from registry.models import AccessAction, AccessLog, DuplicateFlag, FlagKind

from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

FOREIGN_NAME_BN = "অচেনা মানুষ"
FOREIGN_NAME_EN = "Stranger Person"
FOREIGN_CODE = "FOREIGN-77"
FOREIGN_NID = "1975123456789"


@pytest.fixture
def foreign(other_union, replication, practice):
    """A household, person, benefit and duplicate flag in a union other than the users'."""
    household = HouseholdFactory(lgi=other_union, code=FOREIGN_CODE)
    person = PersonFactory(
        household=household,
        name_bn=FOREIGN_NAME_BN,
        name_en=FOREIGN_NAME_EN,
        date_of_birth=datetime.date(1975, 1, 2),
        number=FOREIGN_NID,
    )
    twin = PersonFactory(
        household=HouseholdFactory(lgi=other_union),
        name_bn=FOREIGN_NAME_BN,
        name_en=FOREIGN_NAME_EN,
        date_of_birth=datetime.date(1975, 1, 2),
    )
    BenefitFactory(person=person)
    flag = DuplicateFlag.objects.create(
        kind=FlagKind.LIKELY_SAME,
        lgi=other_union,
        other_lgi=other_union,
        person_a=person,
        person_b=twin,
        signature="test-foreign",
    )
    practice.save_revision().publish()
    return {"household": household, "person": person, "flag": flag, "practice": practice}


def foreign_requests(foreign, other_union):
    """How to ask each registry URL about the foreign union: (method, path, data)."""
    household, person, flag = foreign["household"], foreign["person"], foreign["flag"]
    return {
        "index": [("get", "/en/registry/", None)],
        "union": [("get", f"/en/registry/unions/{other_union.key}/", None)],
        "stale": [("get", f"/en/registry/unions/{other_union.key}/stale/", None)],
        "household": [("get", f"/en/registry/households/{household.pk}/", None)],
        "verify": [("post", f"/en/registry/households/{household.pk}/verify/", {})],
        "person": [("get", f"/en/registry/persons/{person.pk}/", None)],
        "reveal": [("post", f"/en/registry/persons/{person.pk}/reveal/", {})],
        "search": [
            ("post", "/en/registry/search/", {"q": FOREIGN_NAME_EN, "union": other_union.key}),
            ("post", "/en/registry/search/", {"q": FOREIGN_NAME_BN}),
            ("post", "/en/registry/search/", {"q": FOREIGN_NID}),
        ],
        "priority": [
            ("get", f"/en/registry/priority/?area={other_union.key}&criteria=female_headed", None),
            (
                "get",
                f"/en/registry/priority/?area={other_union.key}&criteria=female_headed&format=csv",
                None,
            ),
            (
                "get",
                f"/en/registry/priority/?area={other_union.district.key}&criteria=female_headed"
                "&format=xlsx",
                None,
            ),
        ],
        "duplicates": [("get", "/en/registry/duplicates/", None)],
        "duplicate": [
            ("get", f"/en/registry/duplicates/{flag.pk}/", None),
            ("post", f"/en/registry/duplicates/{flag.pk}/", {"decision": "dismissed"}),
        ],
        "undo_merge": [
            (
                "post",
                f"/en/registry/duplicates/{flag.pk}/",
                {"decision": "merged", "keep": "a", "confirm": "1"},
            ),
            ("post", f"/en/registry/duplicates/{flag.pk}/undo/", {}),
        ],
        "imports": [("get", "/en/registry/imports/", None)],
        "impact": [("get", f"/en/registry/impact/{foreign['practice'].pk}/", None)],
        "access_log": [("get", f"/en/registry/access-log/?union={other_union.key}", None)],
    }


ROLES = {
    "no role": (None, False),
    "policymaker": (roles.POLICYMAKER, False),
    "curator": (roles.NILG_CURATOR, False),
    "curator with national scope": (roles.NILG_CURATOR, True),
    "UP editor of another union": (roles.UP_EDITOR, False),
    "UP editor with national scope": (roles.UP_EDITOR, True),
    "registry officer of another union": (roles.REGISTRY_OFFICER, False),
}


def content_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def assert_no_data(response, foreign):
    assert response.status_code in (200, 403, 404, 405), response.status_code
    # What the visitor typed comes back in the search box; that is not the registry's data.
    body = re.sub(r'value="[^"]*"', "", content_of(response).decode("utf-8", "replace"))
    for marker in (FOREIGN_NAME_BN, FOREIGN_NAME_EN, FOREIGN_CODE, FOREIGN_NID):
        assert marker not in body


def test_every_registry_url_is_covered_here(foreign, other_union):
    names = {p.name for p in registry_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(foreign_requests(foreign, other_union))


@pytest.mark.parametrize("role_name", list(ROLES))
def test_every_role_gets_nothing_of_a_foreign_union(
    client, make_user, union, other_union, foreign, role_name
):
    role, national = ROLES[role_name]
    user = make_user("visitor", role, [union], national_scope=national)
    client.force_login(user)
    before = {(p.pk, p.name_bn) for p in type(foreign["person"]).objects.all()}
    for name, requests in foreign_requests(foreign, other_union).items():
        for method, path, data in requests:
            response = (
                getattr(client, method)(path, data)
                if data is not None
                else getattr(client, method)(path)
            )
            assert_no_data(response, foreign)
            if name in {
                "union",
                "stale",
                "household",
                "verify",
                "person",
                "reveal",
                "duplicate",
                "undo_merge",
            }:
                assert response.status_code in (403, 404), (name, path, response.status_code)
    assert {(p.pk, p.name_bn) for p in type(foreign["person"]).objects.all()} == before
    assert DuplicateFlag.objects.get(pk=foreign["flag"].pk).status == "open"


def test_anonymous_visitors_are_sent_to_sign_in(client, foreign, other_union):
    for requests in foreign_requests(foreign, other_union).values():
        for method, path, data in requests:
            response = getattr(client, method)(path, data or {})
            assert response.status_code == 302
            assert "/sign-in/?next=" in response["Location"]


@pytest.mark.parametrize("who", ["editor", "officer", "national_officer"])
def test_the_unions_own_staff_and_nilg_officers_see_names(client, request, who, union):
    user = request.getfixturevalue(who)
    household = HouseholdFactory(lgi=union, code="OWN-1")
    person = PersonFactory(household=household, name_en="Own Person", number="1234567890")
    client.force_login(user)
    page = client.get(f"/en/registry/households/{household.pk}/")
    assert page.status_code == 200
    assert "Own Person" in page.content.decode()
    assert "•••••••890" in page.content.decode()
    assert "1234567890" not in page.content.decode()
    entry = AccessLog.objects.get(action=AccessAction.VIEW_HOUSEHOLD)
    assert (entry.user, entry.lgi, entry.ip_address) == (user, union, "127.0.0.1")
    assert client.get(f"/en/registry/persons/{person.pk}/").status_code == 200


def test_national_officers_reach_every_union(client, national_officer, foreign, other_union):
    client.force_login(national_officer)
    response = client.get(f"/en/registry/unions/{other_union.key}/")
    assert response.status_code == 200
    assert FOREIGN_CODE in response.content.decode()
    assert client.get(f"/en/registry/access-log/?union={other_union.key}").status_code == 200


def test_policymakers_see_figures_only_with_small_counts_hidden(
    client, policymaker, foreign, practice
):
    from registry import aggregates

    BenefitFactory(person=foreign["person"], practice=practice, programme=None)
    aggregates.rebuild()
    client.force_login(policymaker)
    response = client.get("/en/registry/")
    assert response.status_code == 200
    body = response.content.decode()
    assert FOREIGN_NAME_EN not in body
    assert "Your unions" not in body
    # One person benefited: the count is shown as "<5", never as the number.
    assert '<span class="figure">&lt;5</span> persons' in body


def test_reach_agrees_with_can_view_personal_data(make_user, union, other_union):
    users = [AnonymousUser()] + [
        make_user(f"user{n}", role, [union], national_scope=national)
        for n, (role, national) in enumerate(
            [*ROLES.values(), (roles.REGISTRY_OFFICER, True), (roles.UP_EDITOR, False)]
        )
    ]
    users.append(make_user("root", is_superuser=True))
    for user in users:
        reach = Reach(user)
        for lgi in (union, other_union):
            assert reach.covers(lgi.pk) == roles.can_view_personal_data(user, lgi), user


def test_the_access_log_cannot_be_changed_or_deleted(officer, union):
    entry = AccessLog.objects.create(
        user=officer, username="officer", action=AccessAction.SEARCH, lgi=union
    )
    entry.query = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=entry.pk).update(query="changed")
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    model_admin = admin.site._registry[AccessLog]
    assert not model_admin.has_change_permission(None, entry)
    assert not model_admin.has_delete_permission(None, entry)
    assert set(AccessLog._meta.default_permissions) == {"view"}


@pytest.mark.skipif("connection.vendor not in ('sqlite', 'postgresql')")
def test_the_database_refuses_to_change_the_access_log(officer, union):
    entry = AccessLog.objects.create(user=officer, username="officer", action="search", lgi=union)
    table = AccessLog._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET query = 'x' WHERE id = %s", [entry.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    assert AccessLog.objects.get(pk=entry.pk).query == ""


# Each request that shows, searches or exports the foreign union's personal data, and the
# access-log action it must write.
LOGGED = {
    "union": [AccessAction.VIEW_UNION],
    "stale": [AccessAction.VIEW_UNION],
    "household": [AccessAction.VIEW_HOUSEHOLD],
    "verify": [AccessAction.VERIFY],
    "person": [AccessAction.VIEW_PERSON],
    "reveal": [AccessAction.REVEAL_ID],
    "search": [AccessAction.SEARCH] * 3,
    "priority": [AccessAction.PRIORITY_LIST, AccessAction.EXPORT, AccessAction.EXPORT],
    "duplicates": [AccessAction.DUPLICATES],
    "duplicate": [AccessAction.DUPLICATES, AccessAction.DUPLICATE_DECISION],
}


def test_every_view_of_personal_data_is_logged_with_who_and_where(
    client, national_officer, foreign, other_union
):
    """A NILG registry officer reaches the foreign union: every page, search and export of its
    people writes one access-log row naming the officer, the union and the address."""
    client.force_login(national_officer)
    requests = foreign_requests(foreign, other_union)
    for name, actions in LOGGED.items():
        for (method, path, data), action in zip(requests[name], actions, strict=True):
            before = set(AccessLog.objects.values_list("pk", flat=True))
            kwargs = {"REMOTE_ADDR": "203.0.113.7"}
            response = getattr(client, method)(path, data or {}, **kwargs)
            content_of(response)
            assert response.status_code in (200, 302), (path, response.status_code)
            written = AccessLog.objects.exclude(pk__in=before)
            assert [entry.action for entry in written] == [action], path
            entry = written.get()
            assert (entry.user, entry.username, entry.ip_address) == (
                national_officer,
                national_officer.username,
                "203.0.113.7",
            ), path
            # A national search, a district's list and the whole queue name no single union.
            national = (
                (action == AccessAction.SEARCH and "union" not in data)
                or other_union.district.key in path
                or path.endswith("/duplicates/")
            )
            assert entry.lgi == (None if national else other_union), path
