"""What the dashboard page shows: the selection, the figures and the map, built from the
presentation layer."""

from functools import partial

from django.apps import apps
from django.urls import reverse

from portal import pagecontext
from portal.pagecontext import Deferred
from practices import sections

from . import cube, versions
from .areas import practice_page_map
from .figures import MAP_METRICS
from .presentation import (
    CACHE_SECONDS,
    AreaMap,
    DashboardView,
    filter_fields,
    map_options,
    read_selection,
)


@pagecontext.builds("dashboards.DashboardPage")
def dashboard_context(request, page):
    form, selection = read_selection(request.GET)
    metric, level, levels = map_options(request.GET, selection)
    view = DashboardView(selection, metric, level)
    # The export carries the map at the level the page shows.
    export_query = "&".join(
        part
        for part in (selection.querystring(), f"level={level}" if len(levels) > 1 else "")
        if part
    )
    return {
        "form": form,
        "filter_fields": partial(filter_fields, form, selection),
        "selection": selection,
        "dashboard": view,
        "map_metric": metric,
        "map_level": level,
        "map_levels": levels,
        "map_metrics": [(key, AreaMap.METRIC_LABELS[key]) for key in MAP_METRICS],
        "cache_version": versions.current(),
        "cache_seconds": CACHE_SECONDS,
        "fragment_key": f"{selection.cache_key()}|{metric}|{level}",
        "csv_url": reverse("dashboard_export", kwargs={"fmt": "csv"})
        + ("?" + export_query if export_query else ""),
        "xlsx_url": reverse("dashboard_export", kwargs={"fmt": "xlsx"})
        + ("?" + export_query if export_query else ""),
        "filter_query": selection.querystring(),
    }


@pagecontext.builds("practices.PracticePage")
def practice_beneficiaries(request, practice):
    """The beneficiary registry's count for a practice, as the protected tables publish it: a
    practice's own figure beside those of the other practices of its theme must not give a
    withheld one away (`dashboards.cube`). Deferred: read in the page's cached figures."""

    def counts():
        cubes = cube.cubes_of()
        persons = cubes.persons.value(None, cube.practice_key(practice.pk))
        if persons == 0:
            return {}
        households = cubes.households.value(None, cube.practice_key(practice.pk))
        return {"persons": cube.count_text(persons), "households": cube.count_text(households)}

    return {"beneficiaries_direct": Deferred(counts)}


def registry_impact_section(request, practice):
    """A link from the practice page to its beneficiaries by fiscal year and district in the
    registry, for those who may open that page: NILG's registry officers (national scope)."""
    if request is None or not apps.is_installed("registry"):
        return None
    from registry.access import has_national_reach

    if not has_national_reach(request.user):
        return None
    return {"url": reverse("registry:impact", kwargs={"practice_id": practice.pk})}


def spread_section(request, practice):
    """The practice page's map of where it spread and its fact sheet: the map of districts
    (while any replication is completed), links to the map by upazila and to the printable
    fact sheet."""
    return {
        **(practice_page_map(practice) or {}),
        "spread_url": reverse("practice_spread", kwargs={"slug": practice.slug}),
        "factsheet_url": reverse("practice_factsheet", kwargs={"slug": practice.slug}),
    }


sections.register("dashboards/includes/practice_spread.html", spread_section, sections.SPREAD)
sections.register(
    "dashboards/includes/practice_registry_impact.html", registry_impact_section, sections.FOR_USER
)
