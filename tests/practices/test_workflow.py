"""Who may do what with practices, replications, budget lines, themes and curated lists in the
admin, tested from both sides of every boundary and as each role."""

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from places.models import Area
from portal import roles
from practices import editorial
from practices.models import (
    BudgetAllocation,
    CuratedListIndexPage,
    CuratedListPage,
    PracticePage,
    Replication,
    Theme,
)

from .factories import PracticePageFactory, ReplicationFactory, ThemeFactory


@pytest.fixture
def setup(practice_index):
    assert editorial.ensure()
    return practice_index


@pytest.fixture
def editor(make_user, union):
    return make_user("up-editor", roles.UP_EDITOR, [union])


@pytest.fixture
def own(setup, union):
    return PracticePageFactory(parent=setup, lgi=union, title="নিজের শিখন")


@pytest.fixture
def others(setup, other_union):
    page = PracticePageFactory(parent=setup, lgi=other_union, title="অন্যের শিখন")
    page.title = "অন্যের খসড়া শিরোনাম"
    page.save_revision()
    return page


def refused(response):
    """Wagtail answers a refused admin action with 403 or a redirect away from the page."""
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/admin/" in response["Location"]
    )


def practice_form(theme, lgi, **extra):
    return nested_form_data(
        {
            "title": "ওয়ার্ড সভা",
            "slug": "ward-sabha",
            "title_en": "",
            "summary_bn": "ওয়ার্ড সভায় পরিকল্পনা",
            "summary_en": "",
            "theme": theme.pk,
            "tags": "",
            "lgi": lgi.pk,
            "year_identified": "২০১৫",
            "how_identified": "appreciative_inquiry",
            "body": streamfield([]),
            "contact": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["practices", "practicepage", parent.pk])


def test_up_editor_creates_a_practice_of_their_lgi_and_submits_it(client, setup, editor, union):
    client.force_login(editor)
    theme = ThemeFactory()
    response = client.post(add_url(setup), practice_form(theme, union, **{"action-submit": "1"}))
    assert response.status_code == 302, response.context["form"].errors
    page = PracticePage.objects.get(slug="ward-sabha")
    assert not page.live
    assert page.year_identified == 2015
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == editorial.TASK_NAME


def test_up_editor_cannot_create_a_practice_for_another_lgi(client, setup, editor, other_union):
    client.force_login(editor)
    response = client.post(add_url(setup), practice_form(ThemeFactory(), other_union))
    assert response.status_code == 200
    assert "lgi" in response.context["form"].errors
    assert not PracticePage.objects.filter(slug="ward-sabha").exists()


def test_up_editor_cannot_publish(client, setup, editor, union):
    client.force_login(editor)
    client.post(add_url(setup), practice_form(ThemeFactory(), union, **{"action-publish": "1"}))
    assert not PracticePage.objects.get(slug="ward-sabha").live


def test_curator_reviews_requests_changes_and_publishes(client, setup, editor, union, curator):
    client.force_login(editor)
    client.post(add_url(setup), practice_form(ThemeFactory(), union, **{"action-submit": "1"}))
    page = PracticePage.objects.get(slug="ward-sabha")
    state = WorkflowState.objects.get(object_id=str(page.pk))

    client.force_login(editor)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve, {})
    assert not PracticePage.objects.get(pk=page.pk).live

    client.force_login(curator)
    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "reject", state.current_task_state.pk],
    )
    client.post(reject, {"comment": "ছবি যোগ করুন"})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = practice_form(ThemeFactory(), union, **{"action-restart-workflow": "1"})
    client.post(edit, data)
    state = WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(curator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", state.current_task_state.pk],
        ),
        {},
    )
    assert PracticePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize("view", ["edit", "history", "view_draft", "copy", "usage"])
def test_up_editor_cannot_reach_another_lgis_practice(client, editor, own, others, view):
    client.force_login(editor)
    assert refused(client.get(reverse(f"wagtailadmin_pages:{view}", args=[others.pk])))
    mine = client.get(reverse(f"wagtailadmin_pages:{view}", args=[own.pk]))
    assert mine.status_code == 200


@pytest.mark.parametrize("view", ["delete", "unpublish", "move", "lock"])
def test_only_curators_remove_move_or_lock_practices(client, editor, curator, others, view):
    url = reverse(f"wagtailadmin_pages:{view}", args=[others.pk])
    client.force_login(editor)
    assert refused(client.get(url) if view != "lock" else client.post(url))
    assert Page.objects.get(pk=others.pk).live
    assert not Page.objects.get(pk=others.pk).locked
    client.force_login(curator)
    if view == "lock":
        client.post(url)
        assert Page.objects.get(pk=others.pk).locked
    else:
        assert client.get(url).status_code == 200


def test_up_editor_cannot_see_another_lgis_draft_revision(client, editor, others):
    client.force_login(editor)
    revision = others.latest_revision
    url = reverse("wagtailadmin_pages:revisions_view", args=[others.pk, revision.pk])
    response = client.get(url)
    assert refused(response)
    assert "অন্যের খসড়া শিরোনাম" not in response.content.decode()


def test_up_editor_cannot_save_changes_to_another_lgis_practice(
    client, editor, others, other_union
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[others.pk])
    data = practice_form(others.theme, other_union, title="বদলে দেওয়া", slug=others.slug)
    assert refused(client.post(url, data))
    assert Page.objects.get(pk=others.pk).draft_title != "বদলে দেওয়া"


def test_explorer_lists_only_the_editors_practices(client, setup, editor, own, others):
    client.force_login(editor)
    listing = client.get(reverse("wagtailadmin_explore", args=[setup.pk])).content.decode()
    assert "নিজের শিখন" in listing
    assert "অন্যের" not in listing


def test_curator_sees_and_edits_every_practice(client, setup, curator, own, others):
    client.force_login(curator)
    listing = client.get(reverse("wagtailadmin_explore", args=[setup.pk])).content.decode()
    assert "নিজের শিখন" in listing and "অন্যের" in listing
    for page in (own, others):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_curator_publishes_directly(client, setup, curator, union):
    client.force_login(curator)
    response = client.post(
        add_url(setup), practice_form(ThemeFactory(), union, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert PracticePage.objects.get(slug="ward-sabha").live


def test_curated_lists_are_curators_only(client, setup, editor, curator):
    lists = setup.add_child(instance=CuratedListIndexPage(title="তালিকা", slug="lists"))
    best = lists.add_child(instance=CuratedListPage(title="সেরা", slug="best"))
    client.force_login(editor)
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[best.pk])))
    client.force_login(curator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[best.pk])).status_code == 200


@pytest.mark.parametrize("role", [roles.POLICYMAKER, None])
def test_readers_do_not_reach_the_admin(client, make_user, own, role):
    client.force_login(make_user("reader", role))
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])))


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


@pytest.fixture
def lgi_b(other_union):
    return other_union


def replication_form(practice, lgi, **extra):
    return {
        "practice": practice.pk,
        "lgi": lgi.pk,
        "status": "completed",
        "start_date": "",
        "end_date": "",
        "fiscal_year": "২০১৮-১৯",
        "households_reached": "১২০",
        **extra,
    }


def test_up_editor_records_a_replication_of_their_own_lgi_only(
    client, editor, others, union, lgi_b
):
    client.force_login(editor)
    response = client.post(snippet_url(Replication, "add"), replication_form(others, union))
    assert response.status_code == 302
    replication = Replication.objects.get(practice=others, lgi=union)
    assert (replication.fiscal_year, replication.households_reached) == ("2018-19", 120)
    assert replication.verified_at is None

    third = Area.objects.get(key="UN3")
    response = client.post(snippet_url(Replication, "add"), replication_form(others, third))
    assert response.status_code == 200
    assert "lgi" in response.context["form"].errors
    assert not Replication.objects.filter(lgi=third).exists()


def test_a_second_replication_is_refused_in_the_form(client, editor, others, union):
    ReplicationFactory(practice=others, lgi=union)
    client.force_login(editor)
    response = client.post(snippet_url(Replication, "add"), replication_form(others, union))
    assert response.status_code == 200
    # The admin speaks Bangla unless the user chose otherwise.
    assert "পুনর্বাস্তবায়ন আগেই নথিভুক্ত আছে" in str(response.context["form"].errors["lgi"])
    assert Replication.objects.filter(practice=others, lgi=union).count() == 1


def test_up_editor_cannot_change_or_delete_another_lgis_replication(
    client, editor, own, others, union, lgi_b
):
    theirs = ReplicationFactory(practice=own, lgi=lgi_b)
    mine = ReplicationFactory(practice=others, lgi=union)
    client.force_login(editor)
    assert refused(client.get(snippet_url(Replication, "edit", theirs.pk)))
    assert refused(client.post(snippet_url(Replication, "delete", theirs.pk)))
    assert Replication.objects.filter(pk=theirs.pk).exists()
    assert client.get(snippet_url(Replication, "edit", mine.pk)).status_code == 200
    listing = client.get(snippet_url(Replication, "list"))
    assert [r.pk for r in listing.context["object_list"]] == [mine.pk]


def test_curator_verifies_a_replication(client, curator, others, union):
    replication = ReplicationFactory(practice=others, lgi=union)
    client.force_login(curator)
    response = client.post(
        snippet_url(Replication, "edit", replication.pk),
        replication_form(others, union, verified="on"),
    )
    assert response.status_code == 302
    replication.refresh_from_db()
    assert replication.verified_by == curator
    assert replication.verified_at is not None


def test_up_editor_cannot_verify(client, editor, others, union):
    client.force_login(editor)
    client.post(snippet_url(Replication, "add"), replication_form(others, union, verified="on"))
    assert Replication.objects.get(practice=others, lgi=union).verified_at is None


@pytest.fixture
def verified(others, union, curator):
    return ReplicationFactory(
        practice=others,
        lgi=union,
        fiscal_year="2018-19",
        households_reached=120,
        verified_by=curator,
        verified_at=timezone.now(),
    )


@pytest.mark.parametrize(
    "change",
    [
        {"households_reached": "৩৫০"},
        {"status": "ongoing"},
        {"end_date": "2016-06-30"},
        {"fiscal_year": "2019-20"},
    ],
)
def test_an_up_editors_change_of_the_figures_clears_nilgs_verification(
    client, editor, others, union, verified, change
):
    client.force_login(editor)
    data = replication_form(others, union, **{"end_date": "2015-06-30", **change})
    response = client.post(snippet_url(Replication, "edit", verified.pk), data, follow=True)
    assert response.status_code == 200
    verified.refresh_from_db()
    assert (verified.verified_by, verified.verified_at) == (None, None)
    # The admin speaks Bangla: the warning is NILG's verification taken off.
    assert "এনআইএলজির যাচাই তুলে নেওয়া হয়েছে" in response.content.decode()


def test_an_up_editors_save_without_changes_keeps_the_verification(
    client, editor, others, union, verified
):
    client.force_login(editor)
    # The same figures, typed in Bangla digits and with the fiscal year written out.
    data = replication_form(others, union, end_date="2015-06-30", fiscal_year="২০১৮-২০১৯")
    response = client.post(snippet_url(Replication, "edit", verified.pk), data, follow=True)
    assert response.status_code == 200
    verified.refresh_from_db()
    assert verified.verified_at is not None
    assert "এনআইএলজির যাচাই তুলে নেওয়া হয়েছে" not in response.content.decode()


def test_a_curators_change_of_the_figures_keeps_the_verification(
    client, curator, others, union, verified
):
    client.force_login(curator)
    data = replication_form(others, union, end_date="2015-06-30", households_reached="৩৫০")
    client.post(snippet_url(Replication, "edit", verified.pk), {**data, "verified": "on"})
    verified.refresh_from_db()
    assert (verified.households_reached, verified.verified_by) == (350, curator)


def budget_form(practice, lgi, **extra):
    return {
        "practice": practice.pk,
        "lgi": lgi.pk,
        "fiscal_year": "2019-20",
        "allocated": "১,০০,০০০",
        "spent": "50000",
        "source": "own_revenue",
        "version": "original",
        **extra,
    }


def test_up_editor_records_budget_of_their_own_lgi_only(client, editor, own, others, union):
    client.force_login(editor)
    assert (
        client.post(snippet_url(BudgetAllocation, "add"), budget_form(own, union)).status_code
        == 302
    )
    line = BudgetAllocation.objects.get(practice=own, lgi=union)
    assert line.allocated == 100000
    other = client.post(snippet_url(BudgetAllocation, "add"), budget_form(own, others.lgi))
    assert other.status_code == 200
    assert "lgi" in other.context["form"].errors


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"spent": "200000"}, "spent"),
        ({"allocated": "-5"}, "allocated"),
        ({"fiscal_year": "2019-21"}, "fiscal_year"),
    ],
)
def test_budget_form_names_the_refused_field(client, editor, own, union, extra, field):
    client.force_login(editor)
    response = client.post(snippet_url(BudgetAllocation, "add"), budget_form(own, union, **extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not BudgetAllocation.objects.exists()


def test_budget_of_an_lgi_that_did_not_replicate_is_refused(client, curator, own):
    stranger = Area.objects.get(key="UN3")
    client.force_login(curator)
    response = client.post(snippet_url(BudgetAllocation, "add"), budget_form(own, stranger))
    assert response.status_code == 200
    assert "lgi" in response.context["form"].errors


def test_up_editor_cannot_change_another_lgis_budget_line(client, editor, own, lgi_b):
    ReplicationFactory(practice=own, lgi=lgi_b)
    line = BudgetAllocation.objects.create(
        practice=own, lgi=lgi_b, fiscal_year="2019-20", allocated=10, spent=5
    )
    client.force_login(editor)
    assert refused(client.get(snippet_url(BudgetAllocation, "edit", line.pk)))


def test_themes_are_managed_by_curators(client, editor, curator):
    data = {"name_bn": "নতুন", "name_en": "New", "slug": "new", "sort_order": "1"}
    client.force_login(editor)
    assert refused(client.post(snippet_url(Theme, "add"), data))
    assert not Theme.objects.filter(slug="new").exists()
    client.force_login(curator)
    assert client.post(snippet_url(Theme, "add"), data).status_code == 302
    assert Theme.objects.filter(slug="new").exists()


def test_admin_page_search_finds_only_the_editors_practices(client, editor, own, others):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "শিখন"})
    content = response.content.decode()
    assert "নিজের শিখন" in content
    assert "অন্যের" not in content


def status_url(page):
    return reverse("practices_circular_status", args=[page.pk])


def test_curator_moves_a_practice_along_the_pipeline_in_the_admin(
    client, curator, others, circular_index
):
    client.force_login(curator)
    assert client.get(status_url(others)).status_code == 200
    response = client.post(
        status_url(others), {"to_status": "nominated", "date": "2019-01-15", "note": "জেলা"}
    )
    assert response.status_code == 302
    assert PracticePage.objects.get(pk=others.pk).circular_status == "nominated"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[others.pk])).content.decode()
    assert status_url(others) in edit


def test_the_admin_refuses_an_illegal_step_with_the_pipelines_message(client, curator, others):
    client.force_login(curator)
    response = client.post(
        status_url(others), {"to_status": "circular_issued", "date": "2019-01-15"}
    )
    assert response.status_code == 200
    assert "to_status" in response.context["form"].errors
    assert PracticePage.objects.get(pk=others.pk).circular_status == "none"


def test_up_editors_cannot_move_the_pipeline(client, editor, own):
    client.force_login(editor)
    response = client.post(status_url(own), {"to_status": "nominated", "date": "2019-01-15"})
    assert refused(response)
    assert PracticePage.objects.get(pk=own.pk).circular_status == "none"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).content.decode()
    assert status_url(own) not in edit


def test_circular_issued_without_the_circular_is_refused_in_the_admin(client, curator, others):
    from practices import pipeline

    for step in ("nominated", "presented", "under_review"):
        pipeline.move(others, step, actor=curator)
    client.force_login(curator)
    response = client.post(
        status_url(others), {"to_status": "circular_issued", "date": "2019-01-15"}
    )
    assert "জারিকৃত পরিপত্রটি উল্লেখ করতে হবে" in " ".join(response.context["form"].non_field_errors())
    assert PracticePage.objects.get(pk=others.pk).circular_status == "under_review"
