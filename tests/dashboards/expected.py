"""The dashboard's figures recomputed in plain Python from the raw rows, independently of the
dashboard's own aggregates and queries: what a careful analyst with a spreadsheet would get."""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.utils import timezone

from places.models import Area
from portal.models import PortalSettings
from practices.models import (
    BudgetAllocation,
    CircularPage,
    CircularStatusChange,
    PracticePage,
    Replication,
)


def fiscal_year_of(day):
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def first_day(year):
    return datetime.date(int(year[:4]), 7, 1)


def last_day(year):
    return datetime.date(int(year[:4]) + 1, 6, 30)


class Filter:
    """division / district keys, a theme slug and a fiscal-year range, as in the address."""

    def __init__(self, division=None, district=None, theme=None, year_from=None, year_to=None):
        self.division = division
        self.district = district
        self.theme = theme
        self.year_from = year_from
        self.year_to = year_to
        self.areas = {
            area.pk: area
            for area in Area.objects.select_related("division", "district").filter(
                level__in=("union", "pourashava")
            )
        }

    def params(self):
        values = {
            "division": self.division,
            "district": self.district,
            "theme": self.theme,
            "year_from": self.year_from,
            "year_to": self.year_to,
        }
        return {key: value for key, value in values.items() if value}

    def in_area(self, lgi_id):
        lgi = self.areas[lgi_id]
        if self.district and (lgi.district is None or lgi.district.code != self.district):
            return False
        return not (self.division and (lgi.division is None or lgi.division.code != self.division))

    def has_theme(self, theme_slug):
        return self.theme is None or theme_slug == self.theme

    def year_in_range(self, year):
        if not (self.year_from or self.year_to):
            return True
        if not year:
            return False
        return (not self.year_from or year >= self.year_from) and (
            not self.year_to or year <= self.year_to
        )

    def day_in_range(self, day):
        if not (self.year_from or self.year_to):
            return True
        if day is None:
            return False
        return (not self.year_from or day >= first_day(self.year_from)) and (
            not self.year_to or day <= last_day(self.year_to)
        )

    def calendar_year_in_range(self, year):
        return (not self.year_from or year >= int(self.year_from[:4])) and (
            not self.year_to or year <= int(self.year_to[:4])
        )


def live_practices():
    return {
        page.pk: page for page in PracticePage.objects.select_related("theme").filter(live=True)
    }


def counted_year(row):
    if row["fiscal_year"]:
        return row["fiscal_year"]
    day = row["end_date"] or row["start_date"]
    return fiscal_year_of(day) if day else ""


def replications(f, statuses=("completed",)):
    practices = live_practices()
    rows = []
    for row in Replication.objects.values(
        "practice_id",
        "lgi_id",
        "status",
        "fiscal_year",
        "end_date",
        "start_date",
        "households_reached",
    ):
        practice = practices.get(row["practice_id"])
        if practice is None or row["status"] not in statuses:
            continue
        if not (f.in_area(row["lgi_id"]) and f.has_theme(practice.theme.slug)):
            continue
        if not f.year_in_range(counted_year(row)):
            continue
        rows.append(row)
    return rows


def effective_budget_lines(f):
    practices = live_practices()
    lines = defaultdict(dict)
    for row in BudgetAllocation.objects.values(
        "lgi_id", "fiscal_year", "practice_id", "source", "version", "allocated", "spent"
    ):
        key = (row["lgi_id"], row["fiscal_year"], row["practice_id"], row["source"])
        lines[key][row["version"]] = row
    result = []
    for (lgi_id, year, practice_id, _source), versions in lines.items():
        practice = practices.get(practice_id)
        if practice is None:
            continue
        if not (f.in_area(lgi_id) and f.has_theme(practice.theme.slug) and f.year_in_range(year)):
            continue
        result.append(versions.get("revised") or versions["original"])
    return result


def best_practice_days(threshold):
    """{practice id: the day its threshold-th completed replication ended (the day it was
    recorded when its end is not known)}."""
    days = defaultdict(list)
    for row in Replication.objects.filter(status="completed").values(
        "practice_id", "end_date", "verified_at", "updated_at"
    ):
        day = row["end_date"] or timezone.localdate(row["verified_at"] or row["updated_at"])
        days[row["practice_id"]].append(day)
    return {
        pk: sorted(found)[threshold - 1] for pk, found in days.items() if len(found) >= threshold
    }


def beneficiaries(f):
    """(persons, households) from the registry's benefit rows, or None without a registry.

    A person counts once per practice and LGI over all years, or once per practice, LGI and
    fiscal year when a range is chosen."""
    if not apps.is_installed("registry"):
        return None
    from registry.models import Benefit

    practices = live_practices()
    persons, households = set(), set()
    ranged = bool(f.year_from or f.year_to)
    for row in Benefit.objects.filter(practice__isnull=False).values(
        "person_id", "household_id", "lgi_id", "practice_id", "fiscal_year"
    ):
        practice = practices.get(row["practice_id"])
        if practice is None or not (f.in_area(row["lgi_id"]) and f.has_theme(practice.theme.slug)):
            continue
        if ranged and not f.year_in_range(row["fiscal_year"]):
            continue
        key = (row["practice_id"], row["lgi_id"], row["fiscal_year"] if ranged else "")
        persons.add((row["person_id"], *key))
        households.add((row["household_id"], *key))
    return len(persons), len(households)


def headline(f):
    settings = PortalSettings.load()
    practices = live_practices()
    completed = replications(f)
    ongoing = replications(f, ("ongoing",))
    lines = effective_budget_lines(f)
    spent = sum((line["spent"] for line in lines), Decimal(0))
    allocated = sum((line["allocated"] for line in lines), Decimal(0))
    crossed = best_practice_days(settings.best_practice_threshold)
    origin = {
        pk: page
        for pk, page in practices.items()
        if f.in_area(page.lgi_id) and f.has_theme(page.theme.slug)
    }
    circulars = 0
    for circular in CircularPage.objects.filter(live=True).prefetch_related("practices"):
        if not f.day_in_range(circular.date_issued):
            continue
        if (f.division or f.district or f.theme) and not any(
            p.pk in origin for p in circular.practices.all()
        ):
            continue
        circulars += 1
    registry = beneficiaries(f)
    reported = sum(row["households_reached"] or 0 for row in completed + ongoing)
    return {
        "practices": sum(
            1 for page in origin.values() if f.calendar_year_in_range(page.year_identified)
        ),
        "best_practices": sum(1 for pk in origin if pk in crossed and f.day_in_range(crossed[pk])),
        "replications": len(completed),
        "ongoing": len(ongoing),
        "lgis_reached": len({row["lgi_id"] for row in completed}),
        "budget_spent": spent,
        "budget_allocated": allocated,
        "budget_spent_usd": (spent / settings.bdt_per_usd).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        ),
        "beneficiaries": registry[0] if registry else reported,
        "circulars": circulars,
    }


def funnel(f):
    practices = live_practices()
    reached = defaultdict(set)
    for change in CircularStatusChange.objects.values("practice_id", "to_status", "date"):
        practice = practices.get(change["practice_id"])
        if practice is None or not (
            f.in_area(practice.lgi_id) and f.has_theme(practice.theme.slug)
        ):
            continue
        if f.day_in_range(change["date"]):
            reached[change["to_status"]].add(change["practice_id"])
    return {status: len(ids) for status, ids in reached.items()}


def replications_by_year(f):
    counts = defaultdict(int)
    for row in replications(f):
        counts[counted_year(row)] += 1
    return dict(counts)


def spent_by_year_and_source(f):
    sums = defaultdict(Decimal)
    for line in effective_budget_lines(f):
        sums[(line["fiscal_year"], line["source"])] += line["spent"]
    return dict(sums)
