import datetime

from django.utils import timezone

import pytest
from freezegun import freeze_time

from workshops.models import WorkshopKind, WorkshopPractice

from .factories import (
    DHAKA,
    DecisionFactory,
    PracticePageFactory,
    ResponsibleBodyFactory,
    WorkshopPageFactory,
)

pytestmark = pytest.mark.django_db


def test_workshop_page_shows_its_decisions_lettered_in_bangla_and_english(client, workshop):
    body = ResponsibleBodyFactory(name_bn="এসএসপিএস প্রোগ্রাম", name_en="SSPS Programme")
    decisions = [DecisionFactory(workshop=workshop) for _ in range(12)]
    decisions[0].responsible_bodies.add(body)
    decisions[0].save()
    workshop.save_revision().publish()

    bangla = client.get(workshop.url).content.decode()
    for decision, letter in zip(decisions, ["ক", "খ", "গ"], strict=False):
        assert f'<span class="decision-letter" aria-hidden="true">{letter})</span>' in bangla
        assert decision.text_bn in bangla
    assert '<span class="decision-letter" aria-hidden="true">ঠ)</span>' in bangla  # the 12th
    assert "এসএসপিএস প্রোগ্রাম" in bangla

    english = client.get("/en" + workshop.url).content.decode()
    assert '<span class="decision-letter" aria-hidden="true">l)</span>' in english
    assert "SSPS Programme" in english


def test_decisions_keep_their_letters_in_order_after_one_is_removed(workshop):
    first, second, third = (DecisionFactory(workshop=workshop) for _ in range(3))
    second.delete()
    workshop.save()
    third.refresh_from_db()
    assert third.letter_bn == "খ"
    assert first.letter_bn == "ক"


def test_attendance_lists_each_recorded_category_and_the_total(client, workshop):
    workshop.up_chairs, workshop.secretaries, workshop.women_members = 12, 10, 7
    workshop.save_revision().publish()
    html = client.get("/en" + workshop.url).content.decode()
    total = workshop.up_chairs + workshop.secretaries + workshop.women_members
    assert "UP chairs" in html
    assert f'<td class="num">{total}</td>' in html
    assert "Development partners" not in html  # not recorded, not shown as zero


@freeze_time("2025-06-01 09:00:00")
def test_index_lists_upcoming_and_past_and_filters_by_kind_area_year_practice(
    client, workshop_index, practice_index
):
    savar = WorkshopPageFactory(
        parent=workshop_index,
        title="সাভার উপজেলা ওরিয়েন্টেশন",
        kind=WorkshopKind.UPAZILA_ORIENTATION,
        area=_area("BD30260072"),
        starts_at=datetime.datetime(2024, 5, 2, 10, tzinfo=DHAKA),
    )
    past_thematic = WorkshopPageFactory(
        parent=workshop_index,
        title="ঢাকা জেলা থিমেটিক কর্মশালা",
        starts_at=datetime.datetime(2023, 2, 1, 10, tzinfo=DHAKA),
    )
    upcoming = WorkshopPageFactory(
        parent=workshop_index,
        title="আসন্ন জাতীয় শিখন বিনিময়",
        kind=WorkshopKind.NATIONAL_SHARING,
        area=None,
        starts_at=datetime.datetime(2025, 7, 10, 10, tzinfo=DHAKA),
    )
    practice = PracticePageFactory(parent=practice_index)
    WorkshopPractice.objects.create(workshop=past_thematic, practice=practice)

    html = client.get(workshop_index.url).content.decode()
    upcoming_part, past_part = html.split('id="listing-heading"')
    assert upcoming.title in upcoming_part and upcoming.title not in past_part
    assert savar.title in past_part and past_thematic.title in past_part
    assert past_part.index(savar.title) < past_part.index(past_thematic.title)  # newest first

    def titles(**params):
        body = client.get(workshop_index.url, params).content.decode()
        return {w.title for w in (savar, past_thematic, upcoming) if w.title in body}

    assert titles(kind="upazila_orientation") == {savar.title}
    assert titles(area="BD3026") == {savar.title, past_thematic.title}  # Dhaka district
    assert titles(year="2023") == {past_thematic.title}
    assert titles(practice=str(practice.pk)) == {past_thematic.title}
    assert titles(when="upcoming") == {upcoming.title}


def test_index_page_of_many_workshops_stays_within_a_bounded_number_of_queries(
    client, workshop_index, django_assert_max_num_queries
):
    for day in range(25):
        WorkshopPageFactory(
            parent=workshop_index,
            starts_at=timezone.now() - datetime.timedelta(days=day + 1),
        )
    client.get(workshop_index.url)
    with django_assert_max_num_queries(25):
        response = client.get(workshop_index.url)
    assert response.status_code == 200
    assert response.context["listing"].paginator.count == 25


def test_workshop_page_stays_within_a_bounded_number_of_queries(
    client, workshop, practice_index, django_assert_max_num_queries
):
    for _ in range(15):
        decision = DecisionFactory(
            workshop=workshop, practice=PracticePageFactory(parent=practice_index)
        )
        decision.responsible_bodies.add(ResponsibleBodyFactory())
        decision.save()
    workshop.save_revision().publish()
    client.get(workshop.url)
    with django_assert_max_num_queries(30):
        assert client.get(workshop.url).status_code == 200


def _area(code):
    from places.models import Area

    return Area.objects.get(code=code)


def test_the_practice_page_lists_the_workshops_that_presented_it_and_what_they_decided(
    client, workshop_index, practice
):
    from wagtail.models import PageViewRestriction

    presented = WorkshopPageFactory(parent=workshop_index, title="কুমিল্লা জেলা থিমেটিক কর্মশালা")
    WorkshopPractice.objects.create(workshop=presented, practice=practice)
    deciding = WorkshopPageFactory(parent=workshop_index, title="জাতীয় শিখন বিনিময় সভা")
    DecisionFactory(workshop=deciding, practice=practice, text_bn="নীতিনির্ধারকদের কাছে উপস্থাপন")
    DecisionFactory(workshop=deciding, practice=practice, text_bn="পরিপত্রের খসড়া তৈরি")
    private = WorkshopPageFactory(parent=workshop_index, title="সীমিত প্রস্তুতি সভা")
    WorkshopPractice.objects.create(workshop=private, practice=practice)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = WorkshopPageFactory(parent=workshop_index, title="অপ্রকাশিত কর্মশালা", live=False)
    WorkshopPractice.objects.create(workshop=draft, practice=practice)

    content = client.get(practice.url).content.decode()

    assert "কুমিল্লা জেলা থিমেটিক কর্মশালা" in content
    assert "জাতীয় শিখন বিনিময় সভা" in content
    assert "সিদ্ধান্ত ক</a>: নীতিনির্ধারকদের কাছে উপস্থাপন" in content
    assert "সিদ্ধান্ত খ</a>: পরিপত্রের খসড়া তৈরি" in content
    assert f'href="{deciding.url}#decision-b"' in content
    assert "সীমিত প্রস্তুতি সভা" not in content
    assert "অপ্রকাশিত কর্মশালা" not in content


def test_a_workshop_shown_only_to_signed_in_users_stays_off_the_public_listings(
    client, workshop_index, practice
):
    from wagtail.models import PageViewRestriction

    from workshops.queries import open_decisions, upcoming_workshops

    later = timezone.now() + datetime.timedelta(days=10)
    private = WorkshopPageFactory(parent=workshop_index, title="সীমিত প্রস্তুতি সভা", starts_at=later)
    DecisionFactory(workshop=private, practice=practice, text_bn="গোপন সিদ্ধান্ত")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert "সীমিত প্রস্তুতি সভা" not in client.get(workshop_index.url).content.decode()
    assert private not in upcoming_workshops()
    assert all(d.workshop_id != private.pk for g in open_decisions() for d in g.decisions)
    from icalendar import Calendar

    feed = Calendar.from_ical(client.get("/workshops/calendar.ics").content)
    summaries = [str(event["SUMMARY"]) for event in feed.walk("VEVENT")]
    assert "সীমিত প্রস্তুতি সভা" not in summaries


def test_the_print_button_runs_from_a_script_file_the_site_policy_allows(client, workshop):
    html = client.get(workshop.url).content.decode()
    assert "onclick" not in html
    assert "data-print" in html
    assert "/static/workshops/print.js" in html
