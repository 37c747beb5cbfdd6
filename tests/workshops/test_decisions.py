"""From decision to policy: nominations recorded at the workshop, follow-ups that change a
decision's status, and what that does to the practice's circular status."""

import datetime

from django.utils import translation

import pytest

from practices.models import CircularStatus, CircularStatusChange
from practices.pipeline import move
from workshops.follow_up import record_follow_up
from workshops.models import Decision, DecisionStatus, WorkshopPractice

from .factories import (
    DecisionFactory,
    PracticePageFactory,
    ResponsibleBodyFactory,
    WorkshopPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominating(workshop, practice):
    decision = DecisionFactory(workshop=workshop, practice=practice, nominates_for_circular=True)
    return decision


def _publish(page, user):
    page.save_revision(user=user).publish(user=user)


def test_publishing_a_workshop_nominates_the_practice_with_the_workshop_as_cause(
    nominating, workshop, practice, curator
):
    _publish(workshop, curator)

    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NOMINATED
    step = CircularStatusChange.objects.get(practice=practice)
    assert (step.from_status, step.to_status) == (CircularStatus.NONE, CircularStatus.NOMINATED)
    assert step.cause_id == workshop.pk
    assert step.actor == curator
    assert step.date == workshop.date
    nominating.refresh_from_db()
    assert nominating.nomination == step


def test_publishing_again_does_not_nominate_twice(nominating, workshop, practice, curator):
    _publish(workshop, curator)
    _publish(workshop, curator)
    assert CircularStatusChange.objects.filter(practice=practice).count() == 1


def test_a_decision_without_nomination_leaves_the_circular_status_alone(
    workshop, practice, curator
):
    DecisionFactory(workshop=workshop, practice=practice)
    _publish(workshop, curator)
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NONE


def test_done_nomination_moves_the_practice_to_presented(nominating, workshop, practice, curator):
    _publish(workshop, curator)
    day = datetime.date(2024, 5, 1)
    _follow_up, outcome = record_follow_up(
        nominating, author=curator, note="এলজিডিতে পাঠানো হয়েছে", status="done", date=day
    )
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.PRESENTED
    step = CircularStatusChange.objects.get(practice=practice, to_status="presented")
    assert step.cause_id == workshop.pk
    assert step.date == day
    assert outcome.done and not outcome.refused
    nominating.refresh_from_db()
    assert nominating.status == DecisionStatus.DONE
    assert nominating.status_changed_on == day


def test_in_progress_or_dropped_does_not_move_the_practice(nominating, workshop, practice, curator):
    _publish(workshop, curator)
    record_follow_up(nominating, author=curator, note="কাজ চলছে", status="in_progress")
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NOMINATED
    record_follow_up(nominating, author=curator, note="বাদ দেওয়া হলো", status="dropped")
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NOMINATED


def test_done_is_refused_with_a_message_when_the_practice_moved_on(
    nominating, workshop, practice, curator
):
    _publish(workshop, curator)
    move(practice, CircularStatus.PRESENTED, actor=curator)
    with translation.override("en"):
        _follow_up, outcome = record_follow_up(nominating, author=curator, note="", status="done")
    nominating.refresh_from_db()
    assert nominating.status == DecisionStatus.DONE
    assert "stays" in outcome.refused[0]
    assert CircularStatusChange.objects.filter(practice=practice).count() == 2


def test_a_note_without_a_status_keeps_the_status(nominating, curator):
    follow_up, _outcome = record_follow_up(nominating, author=curator, note="চিঠি দেওয়া হয়েছে")
    nominating.refresh_from_db()
    assert nominating.status == DecisionStatus.OPEN
    assert list(nominating.follow_ups.all()) == [follow_up]


def test_publishing_an_older_revision_keeps_the_follow_up_status(workshop, curator):
    decision = DecisionFactory(workshop=workshop)
    _publish(workshop, curator)
    old_revision = workshop.latest_revision
    record_follow_up(decision, author=curator, note="সম্পন্ন", status="done")
    old_revision.publish(user=curator)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_a_nomination_refused_at_publishing_stays_pending(
    nominating, workshop, practice, curator, caplog
):
    move(practice, CircularStatus.NOMINATED, actor=curator)  # nominated elsewhere meanwhile
    _publish(workshop, curator)
    nominating.refresh_from_db()
    assert nominating.nomination is None
    assert "not recorded" in caplog.text


def test_the_page_editor_refuses_a_nomination_the_pipeline_would_refuse(
    client, curator, workshop, practice
):
    move(practice, CircularStatus.NOMINATED, actor=curator)
    client.force_login(curator)
    data = _page_form_data(workshop, practice, nominates=True)
    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)
    assert response.status_code == 200
    assert "এখন মনোনীত করা যাবে না" in response.content.decode()
    assert not Decision.objects.filter(workshop=workshop).exists()


def test_the_page_editor_records_a_nomination_on_publish(client, curator, workshop, practice):
    body = ResponsibleBodyFactory(name_bn="স্থানীয় সরকার বিভাগ")
    client.force_login(curator)
    data = _page_form_data(workshop, practice, nominates=True)
    data["decisions-0-responsible_bodies"] = [str(body.pk)]
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    practice.refresh_from_db()
    assert practice.circular_status == CircularStatus.NOMINATED
    decision = Decision.objects.get(workshop=workshop)
    assert decision.nomination.cause_id == workshop.pk
    assert decision.letter_bn == "ক"
    assert list(decision.responsible_bodies.all()) == [body]


def test_two_decisions_cannot_nominate_the_same_practice(client, curator, workshop, practice):
    client.force_login(curator)
    data = _page_form_data(workshop, practice, nominates=True, count=2)
    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)
    assert "ইতোমধ্যে" in response.content.decode()
    assert not Decision.objects.filter(workshop=workshop).exists()


def test_workshops_for_practice_lists_presentations_and_decisions(
    workshop_index, practice_index, curator
):
    from workshops.queries import workshops_for_practice

    practice = PracticePageFactory(parent=practice_index)
    other = PracticePageFactory(parent=practice_index)
    older = WorkshopPageFactory(
        parent=workshop_index, starts_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
    )
    newer = WorkshopPageFactory(parent=workshop_index)
    unrelated = WorkshopPageFactory(parent=workshop_index)
    WorkshopPractice.objects.create(workshop=older, practice=practice)
    about = DecisionFactory(workshop=newer, practice=practice)
    DecisionFactory(workshop=newer, practice=other)
    DecisionFactory(workshop=unrelated, practice=other)

    rows = workshops_for_practice(practice)
    assert [row.workshop.pk for row in rows] == [newer.pk, older.pk]
    assert rows[0].decisions == [about]
    assert rows[1].decisions == []


def _page_form_data(workshop, practice, nominates=False, count=1):
    """The page editor's form for `workshop` with `count` decisions about `practice`."""
    data = {
        "title": workshop.title,
        "slug": workshop.slug,
        "kind": workshop.kind,
        "starts_at": "2024-03-06 11:30",
        "venue": workshop.venue,
        "area": str(workshop.area_id),
        "presented_practices-TOTAL_FORMS": "0",
        "presented_practices-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": str(count),
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "1000",
    }
    for i in range(count):
        data[f"decisions-{i}-text_bn"] = f"সিদ্ধান্ত {i}"
        data[f"decisions-{i}-practice"] = str(practice.pk)
        data[f"decisions-{i}-ORDER"] = str(i + 1)
        if nominates:
            data[f"decisions-{i}-nominates_for_circular"] = "on"
    return data
