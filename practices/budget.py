"""Totals of union budget allocations to practices: per practice, per LGI, per area and per year.

The rule for original and revised budgets: a budget line is one LGI × fiscal year × practice ×
source of funds. When both the original and the revised line exist, the revised one supersedes
the original (it is the budget the LGI ended the year with); an original line without a revision
counts as it is. Every total here is an aggregate query over those effective lines, rolled up
through the ancestor keys on `Area` (union → upazila → district → division → national).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import Coalesce

from places.models import LGI_LEVELS, Area, Level
from portal.models import PortalSettings

from .models import BudgetAllocation, BudgetVersion

ZERO = Decimal("0.00")
CHILD_LEVEL = {
    None: Level.DIVISION,
    Level.DIVISION: Level.DISTRICT,
    Level.DISTRICT: Level.UPAZILA,
    Level.UPAZILA: None,  # unions and pourashavas
}


def exchange_rate():
    return PortalSettings.load().bdt_per_usd


def usd(amount, rate=None):
    """Taka in US dollars at the portal's rate, to the whole dollar."""
    rate = rate or exchange_rate()
    return (Decimal(amount) / rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    allocated: Decimal
    spent: Decimal
    lines: int
    rate: Decimal

    @property
    def allocated_usd(self):
        return usd(self.allocated, self.rate)

    @property
    def spent_usd(self):
        return usd(self.spent, self.rate)


def effective_lines(queryset=None):
    """Budget lines that count: originals superseded by a revised line are left out."""
    queryset = BudgetAllocation.objects.all() if queryset is None else queryset
    revised = BudgetAllocation.objects.filter(
        lgi=OuterRef("lgi"),
        fiscal_year=OuterRef("fiscal_year"),
        practice=OuterRef("practice"),
        source=OuterRef("source"),
        version=BudgetVersion.REVISED,
    )
    return queryset.alias(superseded=Exists(revised)).exclude(
        version=BudgetVersion.ORIGINAL, superseded=True
    )


_SUMS = {
    "allocated": Coalesce(Sum("allocated"), ZERO),
    "spent": Coalesce(Sum("spent"), ZERO),
    "lines": Count("pk"),
}


def totals(queryset=None, rate=None):
    """The totals of the effective lines among `queryset` (all lines when None)."""
    row = effective_lines(queryset).aggregate(**_SUMS)
    return Totals(rate=rate or exchange_rate(), **row)


def sum_of(years, rate):
    """The Totals of [(fiscal year, Totals)] (`by_year`), without asking the database again."""
    return Totals(
        allocated=sum((totals.allocated for _year, totals in years), ZERO),
        spent=sum((totals.spent for _year, totals in years), ZERO),
        lines=sum(totals.lines for _year, totals in years),
        rate=rate,
    )


def in_area(area, queryset=None):
    """Budget lines of LGIs in `area` (None: the whole country)."""
    queryset = BudgetAllocation.objects.all() if queryset is None else queryset
    if area is None:
        return queryset
    if area.level in LGI_LEVELS:
        return queryset.filter(lgi=area)
    return queryset.filter(**{f"lgi__{area.level}": area})


def for_practice(practice, rate=None):
    return totals(BudgetAllocation.objects.filter(practice=practice), rate)


def for_lgi(lgi, rate=None):
    return totals(BudgetAllocation.objects.filter(lgi=lgi), rate)


def for_area(area, rate=None):
    """Totals of an area at any level; None is the national total."""
    return totals(in_area(area), rate)


def by_year(queryset=None, rate=None):
    """[(fiscal year, Totals)] in fiscal-year order."""
    rate = rate or exchange_rate()
    rows = effective_lines(queryset).values("fiscal_year").annotate(**_SUMS).order_by("fiscal_year")
    return [(row.pop("fiscal_year"), Totals(rate=rate, **row)) for row in rows]


def by_practice(queryset=None):
    """{practice id: (allocated, spent)} over the effective lines, in one query."""
    rows = effective_lines(queryset).values("practice_id").annotate(**_SUMS).order_by()
    return {row["practice_id"]: (row["allocated"], row["spent"]) for row in rows}


def by_child_area(area=None, rate=None):
    """[(Area, Totals)] for the areas one level below `area` (divisions for the nation,
    unions and pourashavas for an upazila), largest allocation first."""
    rate = rate or exchange_rate()
    child_level = CHILD_LEVEL.get(area.level if area else None, "lgi")
    if area is not None and area.level in LGI_LEVELS:
        return []
    key = "lgi" if child_level in (None, "lgi") else f"lgi__{child_level}"
    rows = effective_lines(in_area(area)).values(key).annotate(**_SUMS).order_by("-allocated")
    rows = [row for row in rows if row[key] is not None]
    areas = Area.objects.in_bulk([row[key] for row in rows])
    return [(areas[row.pop(key)], Totals(rate=rate, **row)) for row in rows]
