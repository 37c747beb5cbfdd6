"""NILG's glossary: curators edit it in the admin, and the next search uses it."""

from django.contrib.auth.models import Group

import pytest

import search
from portal.roles import NILG_CURATOR, UP_EDITOR
from search.models import GlossaryEntry

from .conftest import keys

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/portal_search/glossaryentry/add/"


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user(username="nilg", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=NILG_CURATOR))
    return user


def test_a_curator_adds_equivalent_terms_and_search_uses_them_at_once(client, curator, corpus):
    assert search.query("privy").total == 0
    client.force_login(curator)

    response = client.post(ADD_URL, {"terms": "privy\nল্যাট্রিন", "note": "sanitation"})

    assert response.status_code == 302
    assert keys(search.query("privy")) == {corpus.key("sanitation")}


def test_a_group_needs_two_terms_that_search_can_use(client, curator, corpus):
    client.force_login(curator)

    one = client.post(ADD_URL, {"terms": "privy"})
    empty_line = client.post(ADD_URL, {"terms": "privy\n…!!\nল্যাট্রিন"})

    # The admin speaks Bangla to this curator.
    assert "একই অর্থের অন্তত দুটি শব্দ দিন" in one.content.decode()
    assert "২ নম্বর লাইনে (“…!!”) খোঁজার মতো কোনো শব্দ নেই।" in empty_line.content.decode()
    assert not GlossaryEntry.objects.filter(terms__contains="privy").exists()


def test_a_union_editor_cannot_edit_the_glossary(client, django_user_model, corpus):
    user = django_user_model.objects.create_user(username="up", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=UP_EDITOR))
    client.force_login(user)

    response = client.post(ADD_URL, {"terms": "privy\nল্যাট্রিন"})

    assert response.status_code in (302, 403)
    assert not GlossaryEntry.objects.filter(terms__contains="privy").exists()


def test_the_portal_starts_with_the_programmes_terms(db):
    from importlib import import_module

    seeded = import_module("search.migrations.0003_seed_glossary").GROUPS
    added = import_module("search.migrations.0006_glossary_of_the_field").GROUPS
    firsts = {group[0].casefold() for group in seeded}
    groups = [entry.term_list() for entry in GlossaryEntry.objects.all()]

    assert [
        "UDCC",
        "ইউডিসিসি",
        "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি",
        "Union Development Coordination Committee",
    ] in groups
    assert len(groups) == len(seeded) + len([g for g in added if g[0].casefold() not in firsts])
