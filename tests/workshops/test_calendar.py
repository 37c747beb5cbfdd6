import datetime

import pytest
from freezegun import freeze_time
from icalendar import Calendar

from workshops.models import VisitingLGI

from .factories import DHAKA, ExposureVisitFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(workshop_index, union, other_union):
    upcoming = WorkshopPageFactory(
        parent=workshop_index,
        title="রংপুর জেলা থিমেটিক কর্মশালা",
        title_en="Rangpur thematic workshop",
        starts_at=datetime.datetime(2025, 7, 10, 10, tzinfo=DHAKA),
        ends_at=datetime.datetime(2025, 7, 10, 16, tzinfo=DHAKA),
    )
    past = WorkshopPageFactory(
        parent=workshop_index, starts_at=datetime.datetime(2025, 1, 10, 10, tzinfo=DHAKA)
    )
    draft = WorkshopPageFactory(
        parent=workshop_index,
        live=False,
        starts_at=datetime.datetime(2025, 8, 1, 10, tzinfo=DHAKA),
    )
    visit = ExposureVisitFactory(
        host_lgi=union,
        starts_on=datetime.date(2025, 7, 20),
        ends_on=datetime.date(2025, 7, 21),
    )
    VisitingLGI.objects.create(visit=visit, lgi=other_union)
    old_visit = ExposureVisitFactory(host_lgi=union, starts_on=datetime.date(2024, 3, 1))
    return upcoming, past, draft, visit, old_visit


@freeze_time("2025-06-01 09:00:00")
def test_feed_lists_upcoming_workshops_and_visits_linking_back(client, scheduled):
    upcoming, _past, _draft, visit, _old_visit = scheduled
    response = client.get("/workshops/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")

    feed = Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in feed.walk("VEVENT")}
    assert set(events) == {
        f"workshop-{upcoming.pk}@testserver",
        f"exposure-visit-{visit.pk}@testserver",
    }

    workshop_event = events[f"workshop-{upcoming.pk}@testserver"]
    assert str(workshop_event["SUMMARY"]) == upcoming.title
    assert str(workshop_event["URL"]) == f"http://testserver{upcoming.url}"
    start = workshop_event.decoded("DTSTART")
    assert start == datetime.datetime(2025, 7, 10, 10, tzinfo=DHAKA)
    assert str(start.tzinfo) == "Asia/Dhaka"
    assert workshop_event["DTSTART"].params["TZID"] == "Asia/Dhaka"
    assert workshop_event.decoded("DTEND") - start == datetime.timedelta(hours=6)
    assert [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Asia/Dhaka"]

    visit_event = events[f"exposure-visit-{visit.pk}@testserver"]
    assert visit_event.decoded("DTSTART") == datetime.date(2025, 7, 20)
    assert visit_event.decoded("DTEND") == datetime.date(2025, 7, 22)  # all day, end exclusive
    assert str(visit_event["URL"]) == f"http://testserver/workshops/visits/{visit.pk}/"
    assert client.get(f"/workshops/visits/{visit.pk}/").status_code == 200


@freeze_time("2025-06-01 09:00:00")
def test_english_feed_links_to_english_pages(client, scheduled):
    upcoming = scheduled[0]
    bangla_url = upcoming.url
    feed = Calendar.from_ical(client.get("/en/workshops/calendar.ics").content)
    urls = {str(event["URL"]) for event in feed.walk("VEVENT")}
    assert f"http://testserver/en{bangla_url}" in urls
    summaries = {str(event["SUMMARY"]) for event in feed.walk("VEVENT")}
    assert "Rangpur thematic workshop" in summaries


@freeze_time("2025-06-01 09:00:00")
def test_month_view_places_workshops_and_visits_on_their_days(client, scheduled):
    upcoming, _past, draft, visit, _old = scheduled
    response = client.get("/en/workshops/calendar/", {"month": "2025-07"})
    assert response.status_code == 200
    days = {day.date: day for week in response.context["weeks"] for day in week}
    assert days[datetime.date(2025, 7, 10)].workshops == [upcoming]
    assert days[datetime.date(2025, 7, 20)].visits == [visit]
    assert days[datetime.date(2025, 7, 21)].visits == [visit]
    assert not days[datetime.date(2025, 7, 22)].visits
    assert all(draft not in day.workshops for day in days.values())
    html = response.content.decode()
    assert "Rangpur thematic workshop" in html
    assert "July 2025" in html


def test_month_view_in_bangla_shows_bangla_digits(client, scheduled):
    html = client.get("/workshops/calendar/", {"month": "2025-07"}).content.decode()
    assert "২০২৫" in html
    assert client.get("/workshops/calendar/", {"month": "July"}).status_code == 404
