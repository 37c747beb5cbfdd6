"""The open actions page: open decisions by responsible body, overdue first, on a frozen clock."""

import datetime

import pytest
from freezegun import freeze_time

from workshops.follow_up import record_follow_up
from workshops.queries import open_decisions

from .factories import DecisionFactory, ResponsibleBodyFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


def _decision(workshop, body, due, **fields):
    decision = DecisionFactory(workshop=workshop, due_date=due, **fields)
    if body is not None:
        decision.responsible_bodies.add(body)
        decision.save()
    return decision


@pytest.fixture
def bodies():
    return ResponsibleBodyFactory(name_bn="ক-সংস্থা"), ResponsibleBodyFactory(name_bn="খ-সংস্থা")


@freeze_time("2025-03-10 12:00:00")
def test_overdue_decisions_come_first_then_by_due_date(workshop, bodies, curator):
    lgd, nilg = bodies
    later = _decision(workshop, lgd, datetime.date(2025, 4, 30))
    overdue_long = _decision(workshop, lgd, datetime.date(2024, 12, 1))
    no_date = _decision(workshop, lgd, None)
    due_today = _decision(workshop, lgd, datetime.date(2025, 3, 10))
    overdue_short = _decision(workshop, lgd, datetime.date(2025, 3, 9))
    done = _decision(workshop, lgd, datetime.date(2024, 1, 1))
    record_follow_up(done, author=curator, note="সম্পন্ন", status="done")
    in_progress = _decision(workshop, nilg, datetime.date(2025, 1, 1))
    record_follow_up(in_progress, author=curator, note="চলছে", status="in_progress")

    groups = open_decisions()
    assert [group.body for group in groups] == [lgd, nilg]
    assert groups[0].decisions == [overdue_long, overdue_short, due_today, later, no_date]
    assert [d.overdue for d in groups[0].decisions] == [True, True, False, False, False]
    assert groups[0].decisions[0].overdue_days == 99
    assert groups[0].overdue_count == 2
    assert groups[1].decisions == [in_progress]


def test_the_same_decision_is_overdue_only_after_its_due_date(workshop, bodies):
    decision = _decision(workshop, bodies[0], datetime.date(2025, 3, 10))
    with freeze_time("2025-03-10 23:59:00+06:00"):
        assert not decision.is_overdue()
    with freeze_time("2025-03-10 18:30:00"):  # 00:30 on 11 March in Dhaka
        assert decision.is_overdue()
        assert decision.days_overdue() == 1


@freeze_time("2025-03-10 12:00:00")
def test_actions_page_groups_by_body_and_marks_overdue_in_words(client, workshop, bodies):
    lgd, nilg = bodies
    overdue = _decision(workshop, lgd, datetime.date(2025, 3, 1), text_bn="প্রতিবেদন পাঠাতে হবে")
    _decision(workshop, nilg, datetime.date(2025, 5, 1), text_bn="প্রশিক্ষণ আয়োজন")
    unnamed = _decision(workshop, None, None, text_bn="যার দায়িত্ব কারো নয়")
    several = _decision(workshop, lgd, None, text_bn="দুই সংস্থার যৌথ কাজ")
    several.responsible_bodies.add(nilg)
    several.save()

    html = client.get("/en/workshops/actions/").content.decode()
    assert "Overdue by 9 days" in html
    lgd_part = html[html.index('id="body-1"') : html.index('id="body-2"')]
    assert overdue.text_bn in lgd_part and several.text_bn in lgd_part
    nilg_part = html[html.index('id="body-2"') : html.index('id="body-3"')]
    assert several.text_bn in nilg_part
    assert "No body named" in html and unnamed.text_bn in html

    filtered = client.get("/en/workshops/actions/", {"body": nilg.pk}).content.decode()
    assert overdue.text_bn not in filtered
    assert several.text_bn in filtered


def test_decisions_of_unpublished_workshops_are_not_actions(workshop_index, bodies):
    draft = WorkshopPageFactory(parent=workshop_index, live=False)
    _decision(draft, bodies[0], None)
    assert open_decisions() == []


def test_actions_page_stays_within_a_bounded_number_of_queries(
    client, workshop_index, bodies, django_assert_max_num_queries
):
    for n in range(6):
        workshop = WorkshopPageFactory(parent=workshop_index)
        for _ in range(5):
            _decision(workshop, bodies[n % 2], datetime.date(2025, 1, n + 1))
    client.get("/workshops/actions/")
    with django_assert_max_num_queries(25):
        assert client.get("/workshops/actions/").status_code == 200


@freeze_time("2026-03-10 12:00:00")
def test_a_long_overdue_decision_reads_in_months_or_years_not_thousands_of_days(
    client, workshop, bodies
):
    lgd, nilg = bodies
    _decision(workshop, lgd, datetime.date(2011, 6, 1), text_bn="অনেক আগের সিদ্ধান্ত")
    _decision(workshop, nilg, datetime.date(2025, 11, 20), text_bn="কয়েক মাস আগের সিদ্ধান্ত")
    bangla = client.get("/workshops/actions/").content.decode()
    assert "১৪ বছরের বেশি মেয়াদোত্তীর্ণ" in bangla
    assert "৩ মাস মেয়াদোত্তীর্ণ" in bangla
    assert "দিন মেয়াদোত্তীর্ণ" not in bangla
    english = client.get("/en/workshops/actions/").content.decode()
    assert "Overdue by more than 14 years" in english and "Overdue by 3 months" in english
