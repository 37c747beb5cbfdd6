"""Each kind of event reaches the users who follow what it concerns, and nobody else; it is told
once; and nothing about a page that is not published is ever told."""

import datetime

from django.utils import timezone

import pytest
from freezegun import freeze_time

from following.events import describe
from following.models import EventKind, Notification
from hlp_site.models import HomePage
from portal.models import PortalSettings
from practices import counts
from practices.models import Replication
from tests.dashboards.factories import CircularPageFactory, PracticePageFactory
from tests.workshops.factories import DecisionFactory, WorkshopPageFactory
from workshops.models import WorkshopIndexPage

from .conftest import notified

OF_THE_PRACTICE = ["follower-list", "follower-practice", "follower-theme"]
OF_ITS_AREAS = ["follower-district", "follower-division", "follower-union"]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_practice_published_is_told_to_followers_of_its_theme_and_of_the_areas_above_it(
    network,
):
    new = PracticePageFactory(
        parent=network.practice_index, theme=network.theme, lgi=network.union, live=False
    )
    assert notified(EventKind.PUBLISHED) == []  # a draft is nobody's news
    publish(new)
    assert notified(EventKind.PUBLISHED) == sorted(["follower-theme", *OF_ITS_AREAS])
    publish(new)  # published again after an edit: not news again
    assert Notification.objects.filter(event__kind=EventKind.PUBLISHED).count() == 4


def test_a_replication_recorded_then_verified_is_told_to_the_practices_followers(network):
    elsewhere = network.elsewhere
    replication = Replication.objects.create(
        practice=network.practice, lgi=elsewhere, status="ongoing"
    )
    # The replicating union is in another district: the followers of Savar's areas are not told.
    assert notified(EventKind.REPLICATED) == OF_THE_PRACTICE
    assert notified(EventKind.VERIFIED) == []
    replication.verified_at = timezone.now()
    replication.save()
    replication.save()
    assert notified(EventKind.VERIFIED) == OF_THE_PRACTICE
    assert Notification.objects.filter(event__kind=EventKind.VERIFIED).count() == 3


def test_a_replication_of_a_draft_is_not_told(network):
    draft = PracticePageFactory(parent=network.practice_index, theme=network.theme, live=False)
    Replication.objects.create(practice=draft, lgi=network.elsewhere, status="completed")
    assert Notification.objects.count() == 0


def test_halfway_and_best_practice_are_each_told_once(network):
    settings = PortalSettings.load()
    settings.best_practice_threshold = 4
    settings.save()
    lgis = list(type(network.union).objects.lgis().exclude(pk=network.union.pk).order_by("pk")[:5])
    for number, lgi in enumerate(lgis[:2]):
        Replication.objects.create(
            practice=network.practice,
            lgi=lgi,
            status="completed",
            end_date=datetime.date(2020, 1, 1 + number),
        )
    counts.recompute([network.practice.pk])
    assert notified(EventKind.HALFWAY) == sorted(OF_THE_PRACTICE + OF_ITS_AREAS)
    assert notified(EventKind.BEST_PRACTICE) == []
    for number, lgi in enumerate(lgis[2:4]):
        Replication.objects.create(
            practice=network.practice,
            lgi=lgi,
            status="completed",
            end_date=datetime.date(2021, 1, 1 + number),
        )
    counts.recompute([network.practice.pk])
    assert notified(EventKind.BEST_PRACTICE) == sorted(OF_THE_PRACTICE + OF_ITS_AREAS)
    Replication.objects.create(practice=network.practice, lgi=lgis[4], status="completed")
    counts.recompute([network.practice.pk])
    assert Notification.objects.filter(event__kind=EventKind.BEST_PRACTICE).count() == 6
    assert Notification.objects.filter(event__kind=EventKind.HALFWAY).count() == 6


def test_a_circular_issued_and_one_superseding_it_are_told_to_its_practices_followers(network):
    old = CircularPageFactory(parent=network.circular_index, live=False)
    old.practices.add(network.practice)
    publish(old)
    assert notified(EventKind.CIRCULAR_ISSUED) == OF_THE_PRACTICE
    new = CircularPageFactory(parent=network.circular_index, live=False, supersedes=old)
    new.practices.add(network.other)
    publish(new)
    # Followers of either circular's practices hear that the old one is superseded.
    assert notified(EventKind.CIRCULAR_SUPERSEDED) == sorted([*OF_THE_PRACTICE, "follower-other"])


def test_a_workshop_decision_about_a_practice_is_told_when_the_workshop_is_published(network):
    index = HomePage.objects.get().add_child(
        instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops")
    )
    workshop = WorkshopPageFactory(parent=index, live=False)
    DecisionFactory(workshop=workshop, practice=network.practice, text_bn="সম্প্রসারণ করা হবে")
    DecisionFactory(workshop=workshop, text_bn="অন্য বিষয়")
    assert notified(EventKind.DECISION) == []
    publish(workshop)
    assert notified(EventKind.DECISION) == sorted(OF_THE_PRACTICE + OF_ITS_AREAS)
    assert Notification.objects.filter(event__kind=EventKind.DECISION).count() == 6


@pytest.mark.parametrize("kind", ["practice", "theme", "curated_list", "area"])
def test_nobody_else_is_told(network, kind):
    Replication.objects.create(practice=network.practice, lgi=network.union, status="ongoing")
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert "follower-other" not in told and "follower-nobody" not in told
    assert told == set(OF_THE_PRACTICE + OF_ITS_AREAS)


def test_a_decision_falling_due_then_overdue_is_told_to_the_staff_of_the_lgi_responsible(
    network,
):
    from django.contrib.auth import get_user_model

    from following.signals import decisions_falling_due
    from portal.models import UserProfile
    from tests.workshops.factories import ResponsibleBodyFactory

    users = get_user_model().objects
    staff = users.create_user("union-secretary")
    UserProfile.objects.create(user=staff).lgis.set([network.union])
    other_staff = users.create_user("other-secretary")
    UserProfile.objects.create(user=other_staff).lgis.set([network.elsewhere])
    index = HomePage.objects.get().add_child(
        instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops")
    )
    workshop = WorkshopPageFactory(parent=index)
    body = ResponsibleBodyFactory(name_bn="সাভার ইউনিয়ন পরিষদ", lgi=network.union)
    decision = DecisionFactory(
        workshop=workshop, text_bn="নলকূপ মেরামত", due_date=datetime.date(2027, 3, 10)
    )
    decision.responsible_bodies.add(body, ResponsibleBodyFactory())
    decision.save()

    with freeze_time("2027-02-20"):
        assert decisions_falling_due() == 0  # not within a week yet
    with freeze_time("2027-03-05"):
        assert decisions_falling_due() == 1
        assert decisions_falling_due() == 0  # told once
    with freeze_time("2027-03-12"):
        assert decisions_falling_due() == 1
    told = Notification.objects.select_related("event").order_by("event__created_at")
    assert [(n.user.username, n.event.kind) for n in told] == [
        ("union-secretary", EventKind.DECISION_DUE),
        ("union-secretary", EventKind.DECISION_OVERDUE),
    ]
    text = describe(told[1].event)
    assert "১০ মার্চ ২০২৭" in text and "নলকূপ মেরামত" in text and network.union.name_bn in text
    # Done: nothing more to tell.
    decision.status = "done"
    decision.save()
    with freeze_time("2027-04-12"):
        assert decisions_falling_due() == 0


def test_a_list_of_replications_imported_is_told_once_with_how_many_it_added(
    network, tmp_path, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal import roles
    from tests.practices.test_importers import checked, committed, write_csv

    settings.MEDIA_ROOT = tmp_path / "media"
    curator = get_user_model().objects.create_user("importing-curator")
    curator.groups.add(Group.objects.get(name=roles.NILG_CURATOR))
    unions = list(
        type(network.union)
        .objects.filter(parent=network.elsewhere.parent, level="union")
        .order_by("pk")[:2]
    )
    path = write_csv(
        tmp_path / "replications.csv",
        [["District", "Upazila", "Union", "Status"]]
        + [[u.district.name_en, u.upazila.name_en, u.name_en, "Ongoing"] for u in unions],
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = committed(checked(path, "practice-replications", curator, network.practice))
    assert job.created_count == 2, job.report
    assert notified(EventKind.REPLICATED) == OF_THE_PRACTICE
    event = Notification.objects.filter(user__username="follower-practice").get().event
    assert describe(event) == "২টি নতুন পুনর্বাস্তবায়ন লিপিবদ্ধ হয়েছে: “নিরাপদ পানি” (তালিকা থেকে)"
