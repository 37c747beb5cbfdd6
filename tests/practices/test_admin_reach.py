"""The admin's views that name pages, tags and records keep to the user's reach: the explorer of
a page, every bulk action, the page chooser (browse, search, chosen pages), tag suggestions and
the history and usage of replications and budget lines. Another union's draft title, draft tags
and records are refused or left out, and never named."""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.urls import reverse

import pytest

from portal import roles
from practices import editorial
from practices.models import BudgetAllocation, PracticePage, Replication

from .factories import BudgetAllocationFactory, PracticePageFactory, ReplicationFactory

OWN = "নিজের শিখন"
THEIR_LIVE = "অন্যের শিখন"
THEIR_CHANGE = "অন্যের খসড়া শিরোনাম"
THEIR_DRAFT = "অন্যের অপ্রকাশিত শিখন"
FOREIGN = (THEIR_CHANGE, THEIR_DRAFT)

PAGE_ACTIONS = ["delete", "move", "publish", "unpublish"]


@pytest.fixture
def pages(practice_index, union, other_union):
    assert editorial.ensure()
    own = PracticePageFactory(parent=practice_index, lgi=union, title=OWN)
    others = PracticePageFactory(parent=practice_index, lgi=other_union, title=THEIR_LIVE)
    others.title = THEIR_CHANGE
    others.save_revision()
    draft = PracticePageFactory(
        parent=practice_index, lgi=other_union, title=THEIR_DRAFT, live=False
    )
    draft.save_revision()
    return SimpleNamespace(index=practice_index, own=own, others=others, draft=draft)


@pytest.fixture
def editor(make_user, union):
    return make_user("up-editor", roles.UP_EDITOR, [union])


@pytest.fixture
def officer(make_user, union):
    user = make_user("officer", roles.REGISTRY_OFFICER, [union])
    return user


@pytest.fixture
def users(editor, officer, curator):
    return {"editor": editor, "officer": officer, "curator": curator}


def refused(response):
    """Wagtail answers a refused admin view with 403 or a redirect away from the page."""
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/admin/" in response["Location"]
    )


def text(response):
    return response.content.decode()


def names_nothing_foreign(response):
    body = text(response)
    return not [title for title in FOREIGN if title in body]


# --- the explorer ---------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["wagtailadmin_explore", "wagtailadmin_explore_results"])
def test_the_explorer_of_another_unions_practice_is_refused(client, editor, pages, view):
    client.force_login(editor)
    for page in (pages.others, pages.draft):
        response = client.get(reverse(view, args=[page.pk]))
        assert response.status_code == 403
        assert names_nothing_foreign(response)
    assert client.get(reverse(view, args=[pages.own.pk])).status_code == 200
    assert client.get(reverse(view, args=[pages.index.pk])).status_code == 200


def test_the_curator_explores_every_practice(client, curator, pages):
    client.force_login(curator)
    response = client.get(reverse("wagtailadmin_explore", args=[pages.draft.pk]))
    assert response.status_code == 200
    assert THEIR_DRAFT in text(response)


# --- bulk actions ---------------------------------------------------------------------------


def bulk_url(action, *ids, model=("wagtailcore", "page"), **extra):
    query = [("id", str(pk)) for pk in ids] + list(extra.items())
    return f"{reverse('wagtail_bulk_action', args=[*model, action])}?{urlencode(query)}"


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_a_bulk_action_with_one_page_out_of_reach_is_refused(client, editor, pages, action):
    url = bulk_url(action, pages.own.pk, pages.others.pk, pages.draft.pk)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 403
    assert names_nothing_foreign(response)
    assert client.post(url, {"move_applicable": "1"}).status_code == 403
    assert PracticePage.objects.filter(pk__in=[pages.own.pk, pages.others.pk]).count() == 2
    assert not PracticePage.objects.get(pk=pages.draft.pk).live
    assert PracticePage.objects.get(pk=pages.others.pk).live


def test_a_move_to_a_page_out_of_reach_is_refused(client, editor, pages):
    client.force_login(editor)
    response = client.post(bulk_url("move", pages.own.pk), {"chooser": pages.draft.pk})
    assert response.status_code == 403
    assert names_nothing_foreign(response)
    assert PracticePage.objects.get(pk=pages.own.pk).get_parent().pk == pages.index.pk


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_a_bulk_action_on_pages_in_reach_still_opens(client, editor, pages, action):
    client.force_login(editor)
    response = client.get(bulk_url(action, pages.own.pk))
    assert response.status_code == 200
    assert OWN in text(response)


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_select_all_keeps_only_the_pages_in_reach(client, editor, pages, action):
    client.force_login(editor)
    response = client.get(bulk_url(action, "all", childOf=pages.index.pk))
    assert response.status_code == 200
    assert OWN in text(response)
    assert names_nothing_foreign(response)
    assert THEIR_LIVE not in text(response)


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_the_curator_acts_on_every_page_at_once(client, curator, pages, action):
    client.force_login(curator)
    response = client.get(bulk_url(action, pages.own.pk, pages.others.pk, pages.draft.pk))
    assert response.status_code == 200
    assert THEIR_DRAFT in text(response)


def test_a_registry_officer_reaches_no_page_in_bulk(client, officer, pages):
    client.force_login(officer)
    response = client.get(bulk_url("delete", pages.own.pk))
    assert response.status_code == 403
    assert OWN not in text(response)


@pytest.mark.parametrize("model", [Replication, BudgetAllocation])
def test_a_snippet_bulk_action_with_another_unions_record_is_refused(
    client, editor, curator, pages, union, other_union, model
):
    mine = ReplicationFactory(practice=pages.others, lgi=union)
    theirs = ReplicationFactory(practice=pages.own, lgi=other_union)
    if model is BudgetAllocation:
        mine = BudgetAllocationFactory(practice=pages.others, lgi=union)
        theirs = BudgetAllocationFactory(practice=pages.own, lgi=other_union)
    label = (model._meta.app_label, model._meta.model_name)
    client.force_login(editor)
    assert client.get(bulk_url("delete", mine.pk, theirs.pk, model=label)).status_code == 403
    assert client.post(bulk_url("delete", mine.pk, theirs.pk, model=label)).status_code == 403
    assert model.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2
    client.force_login(curator)
    assert client.get(bulk_url("delete", mine.pk, theirs.pk, model=label)).status_code == 200


def test_a_bulk_action_with_an_id_that_is_no_number_is_not_found(client, editor, pages):
    client.force_login(editor)
    assert client.get(bulk_url("delete", "x1")).status_code == 404


# --- the page chooser -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "officer", "curator"])
def test_the_page_chooser_search_answers_every_role(client, users, pages, role):
    client.force_login(users[role])
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "শিখন"})
    assert response.status_code == 200
    body = text(response)
    if role == "curator":
        assert THEIR_CHANGE in body and THEIR_DRAFT in body
    else:
        assert names_nothing_foreign(response)
    if role == "editor":
        assert OWN in body


def test_the_page_chooser_does_not_open_or_name_another_unions_draft(client, editor, pages):
    client.force_login(editor)
    for page in (pages.others, pages.draft):
        browse = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
        assert browse.status_code == 403
        assert names_nothing_foreign(browse)
    chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = client.get(f"{chosen}?id={pages.own.pk}&id={pages.draft.pk}")
    assert response.status_code == 403
    assert names_nothing_foreign(response)
    assert client.get(f"{chosen}?id={pages.own.pk}").status_code == 200


# --- tag suggestions ------------------------------------------------------------------------


@pytest.fixture
def tagged(pages):
    """Tags of every kind: on published practices (own and another union's), only on another
    union's never-published draft, only in a draft revision of a published practice (another
    union's and the editor's own)."""
    for page, tag in (
        (pages.own, "ট্যাগ-নিজস্ব"),
        (pages.others, "ট্যাগ-প্রকাশিত"),
        (pages.draft, "ট্যাগ-গোপন"),
    ):
        page.tags.add(tag)
        page.save()
    for page, tag in ((pages.others, "ট্যাগ-খসড়া"), (pages.own, "ট্যাগ-নিজের-খসড়া")):
        page = PracticePage.objects.get(pk=page.pk)
        page.tags.add(tag)
        page.save_revision()
    return pages


def suggestions(client, url_name="wagtailadmin_tag_autocomplete", args=()):
    response = client.get(reverse(url_name, args=args), {"term": "ট্যাগ"})
    assert response.status_code == 200
    return set(response.json())


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("wagtailadmin_tag_autocomplete", ()),
        ("wagtailadmin_tag_model_autocomplete", ("taggit", "tag")),
    ],
)
def test_tags_of_another_unions_drafts_are_not_suggested(client, editor, tagged, url_name, args):
    client.force_login(editor)
    assert suggestions(client, url_name, args) == {
        "ট্যাগ-নিজস্ব",
        "ট্যাগ-প্রকাশিত",
        "ট্যাগ-নিজের-খসড়া",
    }


def test_the_curator_is_suggested_every_tag(client, curator, tagged):
    client.force_login(curator)
    assert {"ট্যাগ-গোপন", "ট্যাগ-খসড়া"} <= suggestions(client)


def test_a_registry_officer_is_suggested_published_tags_only(client, officer, tagged):
    client.force_login(officer)
    assert suggestions(client) == {"ট্যাগ-নিজস্ব", "ট্যাগ-প্রকাশিত"}


# --- history and usage of LGI records --------------------------------------------------------


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


@pytest.mark.parametrize("model", [Replication, BudgetAllocation])
@pytest.mark.parametrize("view", ["history", "usage"])
def test_history_and_usage_of_another_unions_record_are_refused(
    client, editor, curator, pages, union, other_union, model, view
):
    ReplicationFactory(practice=pages.own, lgi=other_union)
    ReplicationFactory(practice=pages.others, lgi=union)
    if model is Replication:
        theirs = Replication.objects.get(lgi=other_union)
        mine = Replication.objects.get(lgi=union)
    else:
        theirs = BudgetAllocationFactory(practice=pages.own, lgi=other_union)
        mine = BudgetAllocationFactory(practice=pages.others, lgi=union)
    client.force_login(editor)
    assert refused(client.get(snippet_url(model, view, theirs.pk)))
    assert client.get(snippet_url(model, view, mine.pk)).status_code == 200
    client.force_login(curator)
    assert client.get(snippet_url(model, view, theirs.pk)).status_code == 200
