"""Aggregate impact per area (and fiscal year) for a dashboard selection: what the open data
API's `impact` table, its downloads and the dashboard's own downloads publish.

Beneficiary counts come from the registry's aggregates, protected as everywhere else
(`dashboards.cube`): None where a count is under 5, or where it would let a count under 5 be
worked out (a district and all but one of its upazilas, an area's all themes and all but one
theme…). Each fiscal year's rows come from that year's protected table. The other figures are
counts of records and amounts of money.
"""

from decimal import Decimal

from django.db.models import Sum

from places.models import Area

from .cube import published_count, yearly
from .figures import DashboardFigures

IMPACT_LEVELS = ("division", "district", "upazila")
ZERO = Decimal("0.00")


def impact_rows(selection, level="district", by_year=False):
    """[{"area", "area_name_bn", "area_name_en", "level", "fiscal_year", …figures}] for the
    areas of `level` with any figure in the selection, by name (and by year)."""
    figures = DashboardFigures(selection)
    group = [level, "fiscal_year"] if by_year else [level]
    rows = {}

    def row(area_id, year):
        key = (area_id, year if by_year else "")
        if key not in rows:
            rows[key] = {
                "completed_replications": 0,
                "ongoing_replications": 0,
                "households_reported": 0,
                "budget_allocated": ZERO,
                "budget_spent": ZERO,
                "beneficiaries": None,
                "beneficiary_households": None,
            }
        return rows[key]

    for item in (
        figures.replication_figures()
        .values(*group)
        .annotate(c=Sum("completed"), o=Sum("ongoing"), h=Sum("households_reported"))
        .order_by()
    ):
        target = row(item[level], item.get("fiscal_year", ""))
        target["completed_replications"] += item["c"]
        target["ongoing_replications"] += item["o"]
        target["households_reported"] += item["h"]
    for item in (
        figures.budget_figures()
        .values(*group)
        .annotate(a=Sum("allocated"), s=Sum("spent"))
        .order_by()
    ):
        target = row(item[level], item.get("fiscal_year", ""))
        target["budget_allocated"] += item["a"]
        target["budget_spent"] += item["s"]
    if figures.uses_registry:
        for area_id, year, persons, households in _registry_rows(figures, level, by_year):
            target = row(area_id, year)
            target["beneficiaries"] = persons
            target["beneficiary_households"] = households
    areas = Area.objects.in_bulk([area_id for area_id, _ in rows if area_id is not None])
    result = []
    for (area_id, year), values in rows.items():
        area = areas.get(area_id)
        if area is None:
            continue
        values["beneficiaries"] = published_count(values["beneficiaries"])
        values["beneficiary_households"] = published_count(values["beneficiary_households"])
        result.append(
            {
                "area": area.key,
                "area_name_bn": area.name_bn,
                "area_name_en": area.name_en,
                "level": level,
                "fiscal_year": year,
                **values,
            }
        )
    result.sort(key=lambda item: (item["area_name_en"], item["fiscal_year"]))
    return result


def _registry_rows(figures, level, by_year):
    """(area id, fiscal year, persons, households) of the areas of `level` with beneficiary
    figures, as the protected tables publish them."""
    category, within = figures.category_key, figures.area_key
    # Per-year figures even without a range: the all-years row cannot be split by year.
    tables = yearly(figures.selection) if by_year else [("", figures.cubes)]
    for year, cubes in tables:
        areas = cubes.persons.areas(level, within, category)
        areas += [
            area for area in cubes.households.areas(level, within, category) if area not in areas
        ]
        for area in areas:
            yield (
                area,
                year,
                cubes.persons.value(area, category),
                cubes.households.value(area, category),
            )
