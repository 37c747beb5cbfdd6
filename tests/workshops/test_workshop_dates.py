"""Dates that make sense: a workshop's decisions change a practice's circular status from the
workshop's date, not before it; a workshop still to come lists its practices as to be
presented."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

import pytest
from freezegun import freeze_time

from practices.models import CircularStatus, CircularStatusChange
from workshops.follow_up import record_due_nominations, record_follow_up
from workshops.models import WorkshopPractice
from workshops.tasks import record_due_nominations as due_task

from .factories import DHAKA, DecisionFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db

WORKSHOP_DAY = datetime.date(2030, 3, 6)


@pytest.fixture
def future_workshop(workshop_index, practice):
    page = WorkshopPageFactory(
        parent=workshop_index,
        starts_at=datetime.datetime(2030, 3, 6, 11, 30, tzinfo=DHAKA),
        title="ভবিষ্যতের কর্মশালা",
        title_en="A workshop to come",
    )
    page.presented_practices.add(WorkshopPractice(practice=practice, presented_by="সুবিল ইউপি"))
    page.save()
    return page


@pytest.fixture
def nominating(future_workshop, practice):
    return DecisionFactory(workshop=future_workshop, practice=practice, nominates_for_circular=True)


def _publish(page, user):
    page.save_revision(user=user).publish(user=user)


def status_of(practice):
    practice.refresh_from_db(fields=["circular_status"])
    return practice.circular_status


@freeze_time("2030-02-01 10:00:00")
def test_publishing_a_future_workshop_nominates_nothing_yet(
    nominating, future_workshop, practice, curator
):
    _publish(future_workshop, curator)
    assert status_of(practice) == CircularStatus.NONE
    assert not CircularStatusChange.objects.filter(practice=practice).exists()
    nominating.refresh_from_db()
    assert nominating.nomination is None


def test_the_nomination_is_recorded_on_the_workshops_date_and_dated_so(
    nominating, future_workshop, practice, curator
):
    with freeze_time("2030-02-01 10:00:00"):
        _publish(future_workshop, curator)
        assert record_due_nominations() == 0
    with freeze_time("2030-03-05 17:00:00"):  # 23:00 in Dhaka
        assert record_due_nominations() == 0
        assert status_of(practice) == CircularStatus.NONE
    with freeze_time("2030-03-06 00:30:00"):
        assert due_task() == "1 nominations recorded"
    assert status_of(practice) == CircularStatus.NOMINATED
    step = CircularStatusChange.objects.get(practice=practice)
    assert step.date == WORKSHOP_DAY
    assert step.cause_id == future_workshop.pk
    assert step.actor == curator
    with freeze_time("2030-03-07 00:30:00"):
        assert record_due_nominations() == 0  # nothing twice
    assert CircularStatusChange.objects.filter(practice=practice).count() == 1


@freeze_time("2030-02-01 10:00:00")
def test_the_nominate_button_refuses_before_the_workshops_date(
    client, nominating, future_workshop, practice, curator
):
    _publish(future_workshop, curator)
    client.force_login(curator)
    response = client.post(
        reverse("workshops_decision_nominate", args=[nominating.pk]), follow=True
    )
    assert "কর্মশালার তারিখের (০৬/০৩/২০৩০) আগে" in response.content.decode()
    assert status_of(practice) == CircularStatus.NONE


def test_a_follow_up_dated_before_the_workshop_does_not_present_the_practice(
    nominating, future_workshop, practice, curator
):
    with freeze_time("2030-03-06 12:00:00"):
        _publish(future_workshop, curator)
    assert status_of(practice) == CircularStatus.NOMINATED
    with translation.override("en"):
        _follow_up, outcome = record_follow_up(
            nominating, author=curator, note="", status="done", date=datetime.date(2030, 3, 1)
        )
    assert "before the workshop's date (06/03/2030)" in outcome.refused[0]
    assert status_of(practice) == CircularStatus.NOMINATED
    _follow_up, outcome = record_follow_up(
        nominating, author=curator, note="", status="done", date=datetime.date(2030, 3, 1)
    )
    record_follow_up(nominating, author=curator, note="", status="in_progress", date=WORKSHOP_DAY)
    record_follow_up(nominating, author=curator, note="", status="done", date=WORKSHOP_DAY)
    assert status_of(practice) == CircularStatus.PRESENTED


@freeze_time("2030-02-01 10:00:00")
@pytest.mark.parametrize(
    ("prefix", "heading", "label"),
    [
        ("", "যেসব শিখন উপস্থাপন করা হবে", "উপস্থাপন করা হবে"),
        ("/en", "Practices to be presented", "to be presented"),
    ],
)
def test_a_future_workshop_lists_its_practices_as_to_be_presented(
    client, nominating, future_workshop, practice, curator, prefix, heading, label
):
    _publish(future_workshop, curator)
    html = client.get(prefix + future_workshop.url).content.decode()
    assert heading in html
    assert label in html
    translation.activate("bn")
    practice_html = client.get(prefix + practice.url).content.decode()
    assert label.capitalize() in practice_html or label in practice_html
    assert future_workshop.title in practice_html or "A workshop to come" in practice_html


def test_a_past_workshop_lists_its_practices_as_presented(
    client, nominating, future_workshop, practice, curator
):
    with freeze_time("2030-04-01 10:00:00"):
        _publish(future_workshop, curator)
        assert timezone.now() > future_workshop.starts_at
        html = client.get(future_workshop.url).content.decode()
    assert "যেসব শিখন উপস্থাপন করা হবে" not in html
    assert status_of(practice) == CircularStatus.NOMINATED
