"""Each boundary, both ways: curators record workshops and decisions, UP editors record the
exposure visits of their own LGIs, policymakers and the public read what is published."""

import pytest

from workshops.models import ExposureVisit

from .factories import DecisionFactory, WorkshopPageFactory, visit_with_commitment

pytestmark = pytest.mark.django_db


def _refused(response):
    """The admin answers a forbidden step with 403, or by sending the user back to its
    dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_curator_may_add_workshops_under_the_index(client, curator, workshop_index):
    client.force_login(curator)
    url = f"/admin/pages/add/workshops/workshoppage/{workshop_index.pk}/"
    assert client.get(url).status_code == 200


def test_up_editor_and_policymaker_may_not_add_workshops(
    client, editor, policymaker, workshop_index
):
    url = f"/admin/pages/add/workshops/workshoppage/{workshop_index.pk}/"
    client.force_login(editor)
    assert _refused(client.get(url))
    client.force_login(policymaker)
    assert client.get(url).status_code == 403  # no admin at all


def test_curator_edits_a_workshop_and_an_up_editor_cannot(client, curator, editor, workshop):
    url = f"/admin/pages/{workshop.pk}/edit/"
    client.force_login(curator)
    assert client.get(url).status_code == 200
    client.force_login(editor)
    assert _refused(client.get(url))


def test_only_curators_record_follow_ups(client, curator, editor, policymaker, workshop):
    decision = DecisionFactory(workshop=workshop)
    url = f"/admin/workshops/decisions/{decision.pk}/"
    client.force_login(curator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"date": "2025-01-05", "note": "চিঠি দেওয়া হয়েছে", "status": "done"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done"

    client.force_login(editor)
    response = client.post(url, {"date": "2025-01-06", "note": "x", "status": "open"})
    assert _refused(response)
    decision.refresh_from_db()
    assert decision.status == "done"
    client.force_login(policymaker)
    assert client.get(url).status_code == 403  # no admin at all


def test_only_curators_turn_a_decision_into_a_nomination(
    client, curator, editor, policymaker, workshop, practice
):
    from practices.models import CircularStatus

    decision = DecisionFactory(workshop=workshop, practice=practice, nominates_for_circular=True)
    url = f"/admin/workshops/decisions/{decision.pk}/nominate/"
    for outsider in (editor, policymaker):
        client.force_login(outsider)
        response = client.post(url)
        assert _refused(response) or "/login/" in response["Location"]
        practice.refresh_from_db()
        assert practice.circular_status == CircularStatus.NONE

    client.force_login(curator)
    assert client.post(url).status_code == 302
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NOMINATED
    decision.refresh_from_db()
    assert decision.nomination_id is not None


def _visit_form(host, visitors, practice=None, commitment_lgi=None):
    data = {
        "host_lgi": str(host.pk),
        "starts_on": "2025-02-01",
        "visiting_lgis-TOTAL_FORMS": str(len(visitors)),
        "visiting_lgis-INITIAL_FORMS": "0",
        "practices_seen-TOTAL_FORMS": "1" if practice else "0",
        "practices_seen-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "1" if commitment_lgi else "0",
        "commitments-INITIAL_FORMS": "0",
    }
    for i, lgi in enumerate(visitors):
        data[f"visiting_lgis-{i}-lgi"] = str(lgi.pk)
        data[f"visiting_lgis-{i}-ORDER"] = str(i + 1)
    if practice:
        data["practices_seen-0-practice"] = str(practice.pk)
        data["practices_seen-0-ORDER"] = "1"
    if commitment_lgi:
        data["commitments-0-lgi"] = str(commitment_lgi.pk)
        data["commitments-0-practice"] = str(practice.pk)
        data["commitments-0-owner"] = "ইউপি চেয়ারম্যান"
        data["commitments-0-ORDER"] = "1"
    return data


ADD_VISIT = "/admin/snippets/workshops/exposurevisit/add/"


def test_up_editor_records_a_visit_of_their_own_lgi(client, editor, union, other_union, practice):
    client.force_login(editor)
    response = client.post(ADD_VISIT, _visit_form(other_union, [union], practice, union))
    assert response.status_code == 302, response.content.decode()[-3000:]
    visit = ExposureVisit.objects.get()
    assert visit.created_by == editor
    assert visit.commitments.get().lgi == union


def test_up_editor_cannot_record_a_visit_between_other_lgis(
    client, editor, other_union, third_union
):
    client.force_login(editor)
    response = client.post(ADD_VISIT, _visit_form(other_union, [third_union]))
    assert response.status_code == 200
    assert "কেবল আপনার নিজের প্রতিষ্ঠানের" in response.content.decode()
    assert not ExposureVisit.objects.exists()


def test_a_commitment_needs_a_visiting_lgi_and_a_practice_seen(
    client, curator, union, other_union, third_union, practice
):
    client.force_login(curator)
    response = client.post(ADD_VISIT, _visit_form(union, [other_union], practice, third_union))
    assert "কেবল সফরকারী স্থানীয় সরকার প্রতিষ্ঠানই" in response.content.decode()
    assert not ExposureVisit.objects.exists()


def test_up_editor_edits_only_visits_of_their_lgis(
    client, editor, union, other_union, third_union, practice
):
    own, _c = visit_with_commitment(other_union, union, practice)
    others, _c = visit_with_commitment(other_union, third_union, practice)
    client.force_login(editor)
    assert client.get(f"/admin/snippets/workshops/exposurevisit/edit/{own.pk}/").status_code == 200
    edit_other = f"/admin/snippets/workshops/exposurevisit/edit/{others.pk}/"
    assert _refused(client.get(edit_other))
    delete_other = f"/admin/snippets/workshops/exposurevisit/delete/{others.pk}/"
    assert _refused(client.post(delete_other))
    assert ExposureVisit.objects.filter(pk=others.pk).exists()
    listing = client.get("/admin/snippets/workshops/exposurevisit/")
    assert list(listing.context["object_list"]) == [own]


def test_curator_edits_every_visit(client, curator, union, other_union, third_union, practice):
    visit, _c = visit_with_commitment(other_union, third_union, practice)
    client.force_login(curator)
    url = f"/admin/snippets/workshops/exposurevisit/edit/{visit.pk}/"
    assert client.get(url).status_code == 200


def test_only_the_visiting_lgi_or_a_curator_turns_a_commitment_into_a_replication(
    client, editor, curator, union, other_union, practice
):
    _visit, commitment = visit_with_commitment(union, other_union, practice)
    url = f"/admin/workshops/commitments/{commitment.pk}/replicate/"
    client.force_login(editor)  # an editor of the host, not of the visiting LGI
    assert _refused(client.post(url))
    commitment.refresh_from_db()
    assert commitment.replication is None
    client.force_login(curator)
    assert client.post(url).status_code == 302
    commitment.refresh_from_db()
    assert commitment.replication is not None


def test_policymakers_and_the_public_read_published_workshops_not_drafts(
    client, policymaker, workshop_index, workshop
):
    draft = WorkshopPageFactory(parent=workshop_index, live=False)
    for user in (None, policymaker):
        if user:
            client.force_login(user)
        assert client.get(workshop.url).status_code == 200
        assert client.get(f"/workshops/{draft.slug}/").status_code == 404
        assert client.get("/workshops/actions/").status_code == 200
        assert client.get("/workshops/visits/").status_code == 200
        assert client.get(workshop.pdf_url()).status_code == 200
