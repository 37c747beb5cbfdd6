import datetime

from django.utils import translation

import pytest
from freezegun import freeze_time

from practices.models import Replication, ReplicationStatus
from workshops.commitments import make_replication
from workshops.models import VisitingLGI

from .factories import visit_with_commitment

pytestmark = pytest.mark.django_db


def test_a_commitment_becomes_a_planned_replication(curator, union, other_union, practice):
    _visit, commitment = visit_with_commitment(union, other_union, practice)
    result = make_replication(commitment, curator)
    assert result.created
    replication = Replication.objects.get(practice=practice, lgi=other_union)
    assert replication.status == ReplicationStatus.PLANNED
    commitment.refresh_from_db()
    assert commitment.replication == replication


def test_an_existing_replication_is_linked_not_doubled(curator, union, other_union, practice):
    existing = Replication.objects.create(
        practice=practice, lgi=other_union, status=ReplicationStatus.ONGOING
    )
    _visit, commitment = visit_with_commitment(union, other_union, practice)
    with translation.override("en"):
        result = make_replication(commitment, curator)
    assert not result.created
    assert result.replication == existing
    assert "already has a replication" in result.message
    assert Replication.objects.filter(practice=practice, lgi=other_union).count() == 1
    commitment.refresh_from_db()
    assert commitment.replication == existing


def test_the_replicate_action_in_the_admin(client, make_user, union, other_union, practice):
    from portal import roles

    _visit, commitment = visit_with_commitment(union, other_union, practice)
    client.force_login(make_user("visitor-editor", roles.UP_EDITOR, [other_union]))
    url = f"/admin/workshops/commitments/{commitment.pk}/replicate/"
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert Replication.objects.filter(practice=practice, lgi=other_union).exists()
    assert "পরিকল্পিত পুনর্বাস্তবায়ন" in response.content.decode()
    response = client.post(url, follow=True)
    assert "ইতোমধ্যে পুনর্বাস্তবায়নে রূপ নিয়েছে" in response.content.decode()
    assert Replication.objects.filter(practice=practice, lgi=other_union).count() == 1


def test_visit_page_shows_commitments_and_their_replications(client, union, other_union, practice):
    visit, _commitment = visit_with_commitment(union, other_union, practice)
    html = client.get(f"/en/workshops/visits/{visit.pk}/").content.decode()
    assert practice.title in html
    assert "Not yet" in html
    assert "Start the replication" not in html  # anonymous visitors get no action


@freeze_time("2024-09-01")
def test_commitments_unmet_six_months_after_the_visit_show_as_actions(
    client, union, other_union, third_union, practice, curator
):
    _old, waiting = visit_with_commitment(
        union, other_union, practice, starts_on=datetime.date(2024, 2, 29)
    )
    _recent, recent = visit_with_commitment(
        union, third_union, practice, starts_on=datetime.date(2024, 3, 2)
    )
    _done_visit, done = visit_with_commitment(
        union, third_union, practice, starts_on=datetime.date(2023, 1, 10)
    )
    make_replication(done, curator)

    response = client.get("/en/workshops/actions/")
    shown = [c.pk for c in response.context["commitments"]]
    assert shown == [waiting.pk]
    with freeze_time("2024-09-02"):
        response = client.get("/en/workshops/actions/")
        assert [c.pk for c in response.context["commitments"]] == [waiting.pk, recent.pk]


def test_visit_pages_stay_within_a_bounded_number_of_queries(
    client, union, other_union, third_union, practice_index, django_assert_max_num_queries
):
    from .factories import PracticePageFactory

    visits = []
    for _ in range(8):
        visit, _commitment = visit_with_commitment(
            union, other_union, PracticePageFactory(parent=practice_index)
        )
        VisitingLGI.objects.create(visit=visit, lgi=third_union)
        visits.append(visit)
    client.get("/workshops/visits/")
    with django_assert_max_num_queries(12):
        assert client.get("/workshops/visits/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/workshops/visits/{visits[0].pk}/").status_code == 200


def test_a_visits_history_and_usage_are_refused_to_editors_of_other_unions(
    client, make_user, union, other_union, practice
):
    from places.models import Area
    from portal import roles

    visit, _commitment = visit_with_commitment(union, other_union, practice)
    third = Area.objects.filter(level="union").exclude(pk__in=[union.pk, other_union.pk]).first()
    pages = [
        f"/admin/snippets/workshops/exposurevisit/history/{visit.pk}/",
        f"/admin/snippets/workshops/exposurevisit/usage/{visit.pk}/",
    ]
    client.force_login(make_user("third-editor", roles.UP_EDITOR, [third]))
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    assert all(client.get(page).status_code in (302, 403) for page in pages)
    client.force_login(make_user("host-editor", roles.UP_EDITOR, [union]))
    assert [client.get(page).status_code for page in pages] == [200, 200]
