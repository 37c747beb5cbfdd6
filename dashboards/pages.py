"""What the dashboard page shows: the selection, the figures and the map, built from the
presentation layer."""

from functools import partial

from django.urls import reverse

from portal import pagecontext

from . import cube, versions
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
        + ("?" + selection.querystring() if selection.params() else ""),
        "xlsx_url": reverse("dashboard_export", kwargs={"fmt": "xlsx"})
        + ("?" + selection.querystring() if selection.params() else ""),
        "filter_query": selection.querystring(),
    }


@pagecontext.builds("practices.PracticePage")
def practice_beneficiaries(request, practice):
    """The beneficiary registry's count for a practice, as the protected tables publish it: a
    practice's own figure beside those of the other practices of its theme must not give a
    withheld one away (`dashboards.cube`)."""
    cubes = cube.cubes_of()
    persons = cubes.persons.value(None, cube.practice_key(practice.pk))
    if persons == 0:
        return {}
    households = cubes.households.value(None, cube.practice_key(practice.pk))
    return {
        "beneficiaries_direct": {
            "persons": cube.count_text(persons),
            "households": cube.count_text(households),
        }
    }
