"""What an area page and a practice's spread map show, each in a bounded number of queries
whatever the size of the area: LGIs read their own rows through indexed columns, larger areas
read the dashboard's aggregates."""

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from places.models import Area, Level
from practices.budget import effective_lines
from practices.models import (
    BudgetAllocation,
    PracticePage,
    Replication,
    ReplicationStatus,
    Theme,
)
from practices.rechecks import sustainability

from . import maps
from .cube import ALL_YEARS, cubes_of, ranked, theme_key
from .figures import ZERO, recheck_figures, registry_has_figures
from .filters import Selection
from .models import LgiReach, PracticeFigure
from .suggestions import suggestions_for

LISTED = 15


def _lgi_q(area, prefix="lgi"):
    """Rows whose LGI (under `prefix`) is in `area`."""
    if area.is_lgi:
        return Q(**{prefix: area})
    return Q(**{f"{prefix}__{area.level}": area})


def _figure_q(area):
    return Q(**{area.level: area})


def ancestors_of(area):
    """The division, district and upazila an area lies in, those it has, itself left out."""
    return [a for a in (area.division, area.district, area.upazila) if a and a.pk != area.pk]


def area_context(area):
    ancestors = ancestors_of(area)
    children = list(area.children.order_by("name_bn")) if not area.is_lgi else []
    originated = PracticePage.objects.live().filter(_lgi_q(area))
    context = {
        "area": area,
        "ancestors": ancestors,
        "children": children,
        "originated_count": originated.count(),
        "originated": list(
            originated.select_related("theme", "lgi")
            .defer_streamfields()
            .order_by("-replication_count", "title")[:LISTED]
        ),
        "practices_url": _practices_url(area),
        "replications_url": _table_url("replications", area),
        "budget_url": _table_url("budget-allocations", area, effective="true"),
        **_replications(area),
        **_budget(area),
        **_beneficiaries(area),
        **_workshops(area),
        # How the replications here lasted: their re-checks a year and three years on.
        "sustainability": sustainability(recheck_figures(_lgi_q(area, "replication__lgi"))),
        "suggestions": suggestions_for(area) if area.is_lgi else [],
    }
    return context


def _practices_url(area):
    from .presentation import catalogue_url, table_url

    if area.level in (Level.DIVISION, Level.DISTRICT):
        return catalogue_url({area.level: area.key})
    field = "lgi" if area.is_lgi else None
    if field:
        return table_url("practices", {"lgi": area.key})
    return ""


def _table_url(slug, area, **extra):
    from .presentation import table_url

    field = "lgi" if area.is_lgi else area.level
    return table_url(slug, {field: area.key, **extra})


def _replications(area):
    if area.is_lgi:
        replications = list(
            Replication.objects.filter(lgi=area, practice__live=True)
            .exclude(status=ReplicationStatus.PLANNED)
            .select_related("practice")
            .order_by("status", "practice__title")
        )
        listed = [
            {
                "practice": r.practice,
                "completed": int(r.status == ReplicationStatus.COMPLETED),
                "ongoing": int(r.status == ReplicationStatus.ONGOING),
                "status": r.get_status_display(),
            }
            for r in replications
        ]
        completed = sum(row["completed"] for row in listed)
        return {
            "replicated": listed[:LISTED],
            "replicated_count": len(listed),
            "completed": completed,
            "ongoing": sum(row["ongoing"] for row in listed),
            "lgis_reached": 1 if completed else 0,
        }
    figures = PracticeFigure.objects.filter(_figure_q(area), source="")
    totals = figures.aggregate(
        completed=Coalesce(Sum("completed"), 0), ongoing=Coalesce(Sum("ongoing"), 0)
    )
    grouped = list(
        figures.values("practice")
        .annotate(completed=Sum("completed"), ongoing=Sum("ongoing"))
        .order_by("-completed", "-ongoing", "practice")
    )
    practices = PracticePage.objects.defer_streamfields().in_bulk(
        [row["practice"] for row in grouped[:LISTED]]
    )
    return {
        "replicated": [
            {**row, "practice": practices[row["practice"]], "status": ""}
            for row in grouped[:LISTED]
            if row["practice"] in practices
        ],
        "replicated_count": len(grouped),
        **totals,
        "lgis_reached": LgiReach.objects.filter(_figure_q(area)).aggregate(
            n=Count("lgi", distinct=True)
        )["n"],
    }


def _budget(area):
    if area.is_lgi:
        rows = effective_lines(
            BudgetAllocation.objects.filter(lgi=area, practice__live=True)
        ).values("fiscal_year")
    else:
        rows = (
            PracticeFigure.objects.filter(_figure_q(area)).exclude(source="").values("fiscal_year")
        )
    by_year = list(
        rows.annotate(allocated=Sum("allocated"), spent=Sum("spent")).order_by("fiscal_year")
    )
    return {
        "budget_by_year": by_year,
        "budget_allocated": sum((row["allocated"] for row in by_year), ZERO),
        "budget_spent": sum((row["spent"] for row in by_year), ZERO),
    }


def _beneficiaries(area):
    if registry_has_figures():
        # All years, from the protected table every output reads (LGIs included).
        cubes = cubes_of(ALL_YEARS)
        themes = Theme.objects.in_bulk(
            sorted(
                set(cubes.persons.categories(area.pk)) | set(cubes.households.categories(area.pk))
            )
        )
        rows = [
            {
                "theme": theme,
                "persons": cubes.persons.value(area.pk, theme_key(pk)),
                "households": cubes.households.value(area.pk, theme_key(pk)),
            }
            for pk, theme in sorted(themes.items(), key=lambda item: item[1].name_en)
        ]
        return {
            "beneficiaries_source": "registry",
            "beneficiaries": cubes.persons.value(area.pk),
            "beneficiary_households": cubes.households.value(area.pk),
            "beneficiaries_by_theme": ranked(rows, value=lambda row: row["persons"]),
        }
    if area.is_lgi:
        reported = Replication.objects.filter(
            lgi=area,
            practice__live=True,
            status__in=(ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING),
        ).aggregate(n=Coalesce(Sum("households_reached"), 0))["n"]
    else:
        reported = PracticeFigure.objects.filter(_figure_q(area), source="").aggregate(
            n=Coalesce(Sum("households_reported"), 0)
        )["n"]
    return {
        "beneficiaries_source": "replications",
        "beneficiaries": reported,
        "beneficiary_households": reported,
        "beneficiaries_by_theme": [],
    }


def _workshop_areas(area):
    """Where the workshops that concern an area are held: in it or below it; for a union or
    pourashava, in its upazila and district."""
    if area.is_lgi:
        return Q(area__in=[a for a in (area.upazila, area.district) if a is not None])
    return Q(area__in=Area.objects.within(area))


def _workshops(area):
    if not apps.is_installed("workshops"):
        return {"workshops_installed": False}
    try:
        workshop_model = apps.get_model("workshops", "WorkshopPage")
        decision_model = apps.get_model("workshops", "Decision")
        from workshops.models import OPEN_STATUSES
    except (LookupError, ImportError):
        return {"workshops_installed": False}
    where = _workshop_areas(area)
    workshops = workshop_model.objects.live().filter(where)
    decisions = decision_model.objects.filter(
        status__in=OPEN_STATUSES,
        workshop__in=workshop_model.objects.live().filter(where),
    )
    return {
        "workshops_installed": True,
        "workshops_count": workshops.count(),
        "workshops": list(workshops.select_related("area").order_by("-starts_at", "-pk")[:LISTED]),
        "open_decisions_count": decisions.count(),
        "open_decisions": list(
            decisions.select_related("workshop", "practice").order_by(
                "due_date", "workshop_id", "sort_order"
            )[:LISTED]
        ),
    }


def area_page_map(area):
    """The map of the area's districts (division page) or upazilas (district page)."""
    from .figures import DashboardFigures
    from .presentation import area_map

    if area.level == Level.DIVISION:
        return area_map(DashboardFigures(Selection(division=area)), Level.DISTRICT, "replications")
    if area.level == Level.DISTRICT:
        selection = Selection(division=area.division, district=area)
        return area_map(DashboardFigures(selection), Level.UPAZILA, "replications")
    return None


def spread_context(practice, level):
    """Where a practice spread: completed replications per district (or upazila), with the
    originating area marked, a ranked table and the LGIs that replicated it."""
    from .presentation import AreaMap

    values = dict(
        PracticeFigure.objects.filter(practice=practice, source="")
        .values(level)
        .annotate(n=Sum("completed"))
        .values_list(level, "n")
    )
    areas = Area.objects.of_level(level).filter(pk__in=[pk for pk, n in values.items() if n])
    ranking = sorted(
        ((area, values[area.pk]) for area in areas), key=lambda pair: (-pair[1], pair[0].name_en)
    )
    shape = maps.choropleth(level, "", ranking, "replications")
    spread = AreaMap(shape, ranking, "replications", level, "", False)
    origin = getattr(practice.lgi, level, None)
    totals = PracticeFigure.objects.filter(practice=practice, source="").aggregate(
        completed=Coalesce(Sum("completed"), 0), ongoing=Coalesce(Sum("ongoing"), 0)
    )
    return {
        "practice": practice,
        "map": spread,
        "level": level,
        "origin": origin,
        "origin_code": origin.code if origin is not None else "",
        **totals,
        "districts_reached": PracticeFigure.objects.filter(
            practice=practice, source="", completed__gt=0
        )
        .values("district")
        .distinct()
        .count(),
        "replications_url": _spread_table_url(practice),
    }


def practice_page_map(practice):
    """The district map on a practice's own page: completed replications per district, counted
    from the replications themselves so that it agrees with the page's table of districts, the
    originating district outlined. None while no replication is completed."""
    from .presentation import AreaMap

    values = dict(
        Replication.objects.filter(
            practice=practice, status=ReplicationStatus.COMPLETED, lgi__district__isnull=False
        )
        .values("lgi__district")
        .annotate(n=Count("pk"))
        .values_list("lgi__district", "n")
    )
    if not values:
        return None
    ranking = sorted(
        ((area, values[area.pk]) for area in Area.objects.filter(pk__in=values)),
        key=lambda pair: (-pair[1], pair[0].name_en),
    )
    level = Level.DISTRICT
    shape = maps.choropleth(level, "", ranking, "replications")
    origin = practice.lgi.district if practice.lgi_id else None
    return {
        "map": AreaMap(shape, ranking, "replications", level, "", False),
        "origin_code": origin.code if origin is not None else "",
    }


def _spread_table_url(practice):
    from .presentation import table_url

    return table_url("replications", {"practice": practice.pk, "status": "completed"})
