"""Upcoming workshops and exposure visits as an iCalendar feed, and as a month on a page."""

import calendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from .models import ExposureVisit
from .queries import published_workshops, upcoming_visits, upcoming_workshops

DHAKA = ZoneInfo(settings.TIME_ZONE)


def ical_feed(request):
    """The feed as bytes: one event per upcoming workshop and exposure visit, each linking back
    to its page in the language of the request."""
    feed = Calendar()
    feed.add("prodid", "-//NILG//HLP Knowledge Portal//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", _("HLP workshops and exposure visits"))
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    stamp = timezone.now().astimezone(datetime.UTC)
    for workshop in upcoming_workshops():
        feed.add_component(_workshop_event(request, workshop, host, stamp))
    for visit in upcoming_visits():
        feed.add_component(_visit_event(request, visit, host, stamp))
    feed.add_missing_timezones()
    return feed.to_ical()


def _workshop_event(request, workshop, host, stamp):
    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", workshop.starts_at.astimezone(DHAKA))
    if workshop.ends_at:
        event.add("dtend", workshop.ends_at.astimezone(DHAKA))
    event.add("summary", workshop.display_title)
    location = ", ".join(part for part in (workshop.venue, _area_name(workshop.area)) if part)
    if location:
        event.add("location", location)
    url = request.build_absolute_uri(workshop.get_url(request))
    event.add("url", url)
    event.add("description", f"{workshop.get_kind_display()}\n{url}")
    event.add("categories", [workshop.get_kind_display()])
    if workshop.last_published_at:
        event.add("last-modified", workshop.last_published_at.astimezone(datetime.UTC))
    return event


def _visit_event(request, visit, host, stamp):
    event = Event()
    event.add("uid", f"exposure-visit-{visit.pk}@{host}")
    event.add("dtstamp", stamp)
    # A visit is a matter of days, not hours: an all-day event, DTEND being the day after.
    event.add("dtstart", visit.starts_on)
    event.add("dtend", (visit.ends_on or visit.starts_on) + datetime.timedelta(days=1))
    event.add("summary", str(visit))
    event.add("location", visit.host_lgi.full_name())
    url = request.build_absolute_uri(visit.get_absolute_url())
    event.add("url", url)
    visitors = ", ".join(v.lgi.name for v in visit.visiting_lgis.all())
    if visitors:
        visitors = _("Visiting LGIs: %(lgis)s") % {"lgis": visitors}
    event.add("description", f"{visitors}\n{url}" if visitors else url)
    event.add("categories", [_("Exposure visit")])
    return event


def _area_name(area):
    return area.full_name() if area is not None else ""


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    workshops: list = field(default_factory=list)
    visits: list = field(default_factory=list)

    @property
    def has_events(self):
        return bool(self.workshops or self.visits)


# Weeks start on Sunday, as on the calendars of Bangladesh's government offices.
FIRST_WEEKDAY = calendar.SUNDAY


def month_grid(year, month):
    """The weeks of a month (Sunday first), each day with the workshops that start on it and
    the exposure visits under way; days of the neighbouring months fill the first and last
    weeks. Two queries."""
    weeks = calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    days = {day: Day(day, day.month == month) for week in weeks for day in week}
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=DHAKA)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, DHAKA)
    workshops = (
        published_workshops()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "pk")
    )
    for workshop in workshops:
        days[timezone.localtime(workshop.starts_at, DHAKA).date()].workshops.append(workshop)
    visits = (
        ExposureVisit.objects.filter(starts_on__lte=last, starts_on__gte=first - MAX_VISIT)
        .select_related("host_lgi")
        .order_by("starts_on", "pk")
    )
    for visit in visits:
        day = max(visit.starts_on, first)
        while day <= min(visit.ends_on or visit.starts_on, last):
            days[day].visits.append(visit)
            day += datetime.timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]


# Exposure visits last a few days; one that began this long before a month is not in it.
MAX_VISIT = datetime.timedelta(days=31)


def weekday_names():
    """Names of the days of the week in grid order, in the active language."""
    from django.utils.dates import WEEKDAYS

    return [WEEKDAYS[(FIRST_WEEKDAY + offset) % 7] for offset in range(7)]
