"""Every figure of the dashboard for one `Selection`, read from maintained aggregates:
`PracticeFigure` and `LgiReach` (this app), the practices' own columns, the registry's
beneficiary figures as `dashboards.cube` protects them, and the few rows of circulars and their
status history.

Values are plain numbers; templates and the chart payloads format them (Bangla digits,
lakh/crore), so one computation serves both languages and the downloads.
"""

from collections import OrderedDict
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from places.models import Area
from portal.models import PortalSettings
from practices import fiscal
from practices.models import (
    CircularPage,
    CircularStatus,
    CircularStatusChange,
    FundSource,
    PracticePage,
    Recheck,
    RecheckOutcome,
    ReplicationStatus,
    Theme,
)

from .aggregates import beneficiary_model
from .cube import for_selection, ranked, theme_key
from .models import BeneficiaryFigure, LgiReach, PracticeFigure

ZERO = Decimal("0.00")
FUNNEL_STAGES = (
    CircularStatus.NOMINATED,
    CircularStatus.PRESENTED,
    CircularStatus.UNDER_REVIEW,
    CircularStatus.CIRCULAR_ISSUED,
)
TOP_PRACTICES = 10
MAP_METRICS = ("replications", "budget", "beneficiaries")


def registry_has_figures():
    """Beneficiaries come from the registry once it holds any; before that, from the
    households that replications report."""
    return beneficiary_model() is not None and BeneficiaryFigure.objects.exists()


def to_usd(amount, rate):
    return (Decimal(amount) / rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def recheck_figures(condition):
    """{"checked_1y", "running_1y", "partly_1y", "checked_3y", …} (as a practice carries them)
    of the re-checks of completed replications of published practices that meet `condition`.
    One query."""
    rows = (
        Recheck.objects.filter(
            condition,
            replication__status=ReplicationStatus.COMPLETED,
            replication__practice__live=True,
        )
        .values("milestone")
        .annotate(
            checked=Count("pk"),
            running=Count("pk", filter=Q(outcome=RecheckOutcome.RUNNING)),
            partly=Count("pk", filter=Q(outcome=RecheckOutcome.PARTLY)),
        )
        .order_by()
    )
    figures = {}
    for row in rows:
        for name in ("checked", "running", "partly"):
            figures[f"{name}_{row['milestone']}y"] = row[name]
    return figures


class DashboardFigures:
    """The dashboard for one selection; each figure is computed on first use."""

    def __init__(self, selection):
        self.selection = selection

    # --- the rows every figure starts from ------------------------------------------------

    def practice_figures(self):
        s = self.selection
        return PracticeFigure.objects.filter(s.area_q(), s.theme_q(), s.fiscal_year_q())

    def replication_figures(self):
        return self.practice_figures().filter(source="")

    def budget_figures(self):
        return self.practice_figures().exclude(source="")

    def practices(self):
        """Live practices that originated in the area, of the theme, identified in the range."""
        s = self.selection
        return PracticePage.objects.live().filter(
            s.area_q("lgi__"), s.theme_q(), s.calendar_year_q("year_identified")
        )

    def best_practices(self):
        """Practices of the area and theme that became best practices within the range."""
        s = self.selection
        return PracticePage.objects.live().filter(
            s.area_q("lgi__"), s.theme_q(), s.date_q("best_practice_since"), is_best_practice=True
        )

    def circulars(self):
        """Live circulars issued in the range that institutionalise a practice of the area and
        theme (all live circulars in the range when neither is set)."""
        s = self.selection
        circulars = CircularPage.objects.live().filter(s.date_q("date_issued"))
        if s.area is not None or s.theme is not None:
            practices = PracticePage.objects.live().filter(s.area_q("lgi__"), s.theme_q())
            circulars = circulars.filter(practices__in=practices).distinct()
        return circulars

    # --- the registry's figures, protected (a `Withheld` where a count is not published) -----

    @cached_property
    def cubes(self):
        """The protected tables of the selection's years (see `dashboards.cube`)."""
        return for_selection(self.selection)

    @property
    def area_key(self):
        """The selection's area in a protected table (None: the country)."""
        area = self.selection.area
        return area.pk if area is not None else None

    @property
    def category_key(self):
        theme = self.selection.theme
        return theme_key(theme.pk) if theme is not None else None

    # --- headline figures -------------------------------------------------------------------

    @cached_property
    def rate(self):
        return PortalSettings.load().bdt_per_usd

    @cached_property
    def uses_registry(self):
        return registry_has_figures()

    @cached_property
    def headline(self):
        replications = self.replication_figures().aggregate(
            completed=Coalesce(Sum("completed"), 0), ongoing=Coalesce(Sum("ongoing"), 0)
        )
        money = self.budget_figures().aggregate(
            allocated=Coalesce(Sum("allocated"), ZERO), spent=Coalesce(Sum("spent"), ZERO)
        )
        s = self.selection
        reached = LgiReach.objects.filter(s.area_q(), s.theme_q(), s.fiscal_year_q()).aggregate(
            n=Count("lgi", distinct=True)
        )["n"]
        return {
            "practices": self.practices().count(),
            "best_practices": self.best_practices().count(),
            "replications": replications["completed"],
            "ongoing": replications["ongoing"],
            "lgis_reached": reached,
            "budget_allocated": money["allocated"],
            "budget_spent": money["spent"],
            "budget_spent_usd": to_usd(money["spent"], self.rate),
            "rate": self.rate,
            **self.beneficiaries,
            "circulars": self.circulars().count(),
        }

    @cached_property
    def sustainability(self):
        """The re-checks of completed replications of published practices, by the replicating
        LGI's area, the practice's theme and the day of the re-check (within the range)."""
        s = self.selection
        return recheck_figures(
            s.area_q("replication__lgi__")
            & s.theme_q("replication__practice__theme")
            & s.date_q("checked_on")
        )

    @cached_property
    def beneficiaries(self):
        if self.uses_registry:
            return {
                "beneficiaries": self.cubes.persons.value(self.area_key, self.category_key),
                "beneficiary_households": self.cubes.households.value(
                    self.area_key, self.category_key
                ),
                "beneficiaries_source": "registry",
            }
        households = self.replication_figures().aggregate(
            n=Coalesce(Sum("households_reported"), 0)
        )["n"]
        return {
            "beneficiaries": households,
            "beneficiary_households": households,
            "beneficiaries_source": "replications",
        }

    # --- charts -------------------------------------------------------------------------------

    @cached_property
    def fiscal_years(self):
        """The fiscal years of the charts: every year with data in the range, in order."""
        years = set(self._replications_by_year) | {year for year, _ in self._budget_by_year}
        return sorted(year for year in years if year)

    @cached_property
    def _replications_by_year(self):
        return {
            row["fiscal_year"]: row
            for row in self.replication_figures()
            .values("fiscal_year")
            .annotate(completed=Sum("completed"), ongoing=Sum("ongoing"))
            .order_by("fiscal_year")
        }

    @cached_property
    def _budget_by_year(self):
        return {
            (row["fiscal_year"], row["source"]): row
            for row in self.budget_figures()
            .values("fiscal_year", "source")
            .annotate(allocated=Sum("allocated"), spent=Sum("spent"))
            .order_by("fiscal_year", "source")
        }

    @cached_property
    def replications_by_year(self):
        """[{"fiscal_year", "completed", "ongoing"}] for each year of the range with data;
        replications whose year is not recorded are in `replications_year_unknown`."""
        rows = self._replications_by_year
        return [
            {
                "fiscal_year": year,
                "completed": rows.get(year, {}).get("completed", 0),
                "ongoing": rows.get(year, {}).get("ongoing", 0),
            }
            for year in self.fiscal_years
        ]

    @cached_property
    def replications_year_unknown(self):
        row = self._replications_by_year.get("", {})
        return {"completed": row.get("completed", 0), "ongoing": row.get("ongoing", 0)}

    @cached_property
    def budget_sources(self):
        used = {source for _, source in self._budget_by_year}
        return [source for source in FundSource if source.value in used]

    @cached_property
    def budget_by_year(self):
        """[{"fiscal_year", "spent": {source: amount}, "allocated": {…}, "total_spent",
        "total_allocated"}] for each year of the range with data."""
        rows = []
        for year in self.fiscal_years:
            spent = OrderedDict()
            allocated = OrderedDict()
            for source in self.budget_sources:
                row = self._budget_by_year.get((year, source.value), {})
                spent[source.value] = row.get("spent", ZERO)
                allocated[source.value] = row.get("allocated", ZERO)
            rows.append(
                {
                    "fiscal_year": year,
                    "spent": spent,
                    "allocated": allocated,
                    "total_spent": sum(spent.values(), ZERO),
                    "total_allocated": sum(allocated.values(), ZERO),
                }
            )
        return rows

    @cached_property
    def best_practices_by_year(self):
        """[{"fiscal_year", "new", "total"}]: practices that became best practices in each
        fiscal year, and the running total over the range."""
        counts = {}
        for day in self.best_practices().values_list("best_practice_since", flat=True):
            year = str(fiscal.of_date(day))
            counts[year] = counts.get(year, 0) + 1
        total = 0
        rows = []
        for year in sorted(counts):
            total += counts[year]
            rows.append({"fiscal_year": year, "new": counts[year], "total": total})
        return rows

    @cached_property
    def beneficiaries_by_theme(self):
        """[{"theme", "beneficiaries", "households"}], largest first (withheld counts last)."""
        if self.uses_registry:
            area, persons, households = self.area_key, self.cubes.persons, self.cubes.households
            if self.selection.theme is not None:
                themes = [self.selection.theme.pk]
            else:
                themes = sorted(set(persons.categories(area)) | set(households.categories(area)))
            pairs = [
                (pk, persons.value(area, theme_key(pk)), households.value(area, theme_key(pk)))
                for pk in themes
                if persons.has(area, theme_key(pk)) or households.has(area, theme_key(pk))
            ]
            pairs = ranked(pairs)
        else:
            grouped = (
                self.replication_figures()
                .values("theme")
                .annotate(h=Sum("households_reported"))
                .order_by("-h")
            )
            pairs = [(row["theme"], row["h"], row["h"]) for row in grouped if row["h"]]
        themes = Theme.objects.in_bulk([theme for theme, _, _ in pairs])
        return [
            {"theme": themes[theme], "beneficiaries": persons, "households": households}
            for theme, persons, households in pairs
            if theme in themes
        ]

    @cached_property
    def funnel(self):
        """[{"status", "practices"}] for nominated → presented → under review → issued: the
        practices of the area and theme that reached each stage (within the range)."""
        s = self.selection
        practices = PracticePage.objects.live().filter(s.area_q("lgi__"), s.theme_q())
        counts = dict(
            CircularStatusChange.objects.filter(
                s.date_q("date"), practice__in=practices, to_status__in=FUNNEL_STAGES
            )
            .values("to_status")
            .annotate(n=Count("practice", distinct=True))
            .values_list("to_status", "n")
        )
        return [
            {"status": stage, "practices": counts.get(stage.value, 0)} for stage in FUNNEL_STAGES
        ]

    @cached_property
    def top_practices(self):
        """The practices most replicated within the selection: [{"practice", "completed",
        "ongoing"}]."""
        grouped = list(
            self.replication_figures()
            .values("practice")
            .annotate(completed=Sum("completed"), ongoing=Sum("ongoing"))
            .filter(completed__gt=0)
            .order_by("-completed", "-ongoing", "practice")[:TOP_PRACTICES]
        )
        practices = (
            PracticePage.objects.select_related("lgi", "theme")
            .defer_streamfields()
            .in_bulk([row["practice"] for row in grouped])
        )
        return [
            {**row, "practice": practices[row["practice"]]}
            for row in grouped
            if row["practice"] in practices
        ]

    # --- maps ---------------------------------------------------------------------------------

    def by_area(self, level, metric):
        """{area id: value} of one metric for areas of `level` (division, district, upazila)."""
        if metric == "beneficiaries":
            if self.uses_registry:
                category = self.category_key
                rows = [
                    (area, self.cubes.persons.value(area, category))
                    for area in self.cubes.persons.areas(level, self.area_key, category)
                ]
            else:
                rows = (
                    self.replication_figures()
                    .values(level)
                    .annotate(n=Sum("households_reported"))
                    .values_list(level, "n")
                )
        elif metric == "budget":
            rows = (
                self.budget_figures().values(level).annotate(n=Sum("spent")).values_list(level, "n")
            )
        else:
            rows = (
                self.replication_figures()
                .values(level)
                .annotate(n=Sum("completed"))
                .values_list(level, "n")
            )
        return {area: value for area, value in rows if area is not None and value}

    def area_ranking(self, level, metric):
        """[(Area, value)] for the areas of `level` within the selection, largest first (withheld
        counts after the published ones); areas without any value are listed last with 0."""
        values = self.by_area(level, metric)
        areas = sorted(
            Area.objects.of_level(level).filter(self._within_q(level)),
            key=lambda area: area.name_en,
        )
        with_value = [(area, values[area.pk]) for area in areas if area.pk in values]
        return ranked(with_value) + [(area, 0) for area in areas if area.pk not in values]

    def _within_q(self, level):
        s = self.selection
        if s.district is not None and level != "division":
            return Q(district=s.district) if level == "upazila" else Q(pk=s.district.pk)
        if s.division is not None and level != "division":
            return Q(division=s.division)
        if s.division is not None:
            return Q(pk=s.division.pk)
        return Q()
