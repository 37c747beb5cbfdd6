"""What the dashboard page shows, written the page language's way: the filter, the headline
figures with the list behind each, the charts with their tables, and the maps with their ranked
tables. Used by the dashboard, the area pages and a practice's spread map."""

from functools import cached_property
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from places.models import Level
from portal.models import PortalSettings
from portal.templatetags.hlp import money, num, short_money
from practices.rechecks import sustainability

from . import charts, maps, versions
from .cube import count_text
from .figures import MAP_METRICS, DashboardFigures
from .filters import DashboardFilterForm, Selection
from .models import PracticeFigure

CACHE_SECONDS = 15 * 60
TABLE_PAGE_SIZE = 50


def is_bangla():
    return not (get_language() or "bn").startswith("en")


def available_fiscal_years():
    """The fiscal years with replications or budget lines, for the range filter."""
    key = f"dashboards:years:{versions.current()}"
    years = cache.get(key)
    if years is None:
        years = sorted(
            set(PracticeFigure.objects.values_list("fiscal_year", flat=True).distinct()) - {""}
        )
        cache.set(key, years, CACHE_SECONDS)
    return years


def read_selection(params):
    form = DashboardFilterForm(
        params or None, fiscal_years=available_fiscal_years(), bangla=is_bangla()
    )
    selection = Selection.from_form(form) if params else Selection()
    return form, selection


def table_url(slug, params):
    base = reverse("data_table", kwargs={"slug": slug})
    return f"{base}?{urlencode(params)}" if params else base


def catalogue_url(params):
    prefix = "/" if is_bangla() else "/en/"
    return f"{prefix}practices/?{urlencode(params)}" if params else f"{prefix}practices/"


class DashboardView:
    """What the dashboard page shows for one selection; built only when a fragment is not in
    the cache."""

    def __init__(self, selection, map_metric, map_level):
        self.selection = selection
        self.figures = DashboardFigures(selection)
        self.map_metric = map_metric
        self.map_level = map_level

    @cached_property
    def headline(self):
        figures = self.figures.headline
        s = self.selection
        area = {k: v for k, v in s.params().items() if k in ("division", "district", "theme")}
        years = {}
        if s.year_from:
            years["counted_year_min"] = s.year_from
        if s.year_to:
            years["counted_year_max"] = s.year_to
        replications = table_url("replications", {**area, "status": "completed", **years})
        budget_years = {
            name.replace("counted_year", "fiscal_year"): value for name, value in years.items()
        }
        dates = _range_dates(s)
        if s.has_years:
            practices_url = table_url(
                "practices",
                {**area, **_bounds("year_identified", _start_years(s))},
            )
            best_url = table_url(
                "practices",
                {**area, "is_best_practice": "true", **_bounds("best_practice_since", dates)},
            )
        else:
            practices_url = catalogue_url(area)
            best_url = catalogue_url({**area, "replication": "best"})
        registry = figures["beneficiaries_source"] == "registry"
        items = [
            {
                "key": "practices",
                "label": _("Practices"),
                "value": num(figures["practices"]),
                "note": _("identified in the range") if s.has_years else "",
                "url": practices_url,
            },
            {
                "key": "best_practices",
                "label": _("Best practices"),
                "value": num(figures["best_practices"]),
                "note": _("replicated by %(threshold)s or more LGIs")
                % {"threshold": num(PortalSettings.load().best_practice_threshold)}
                if not s.has_years
                else _("became best practices in the range"),
                "url": best_url,
            },
            {
                "key": "replications",
                "label": _("Replications"),
                "value": num(figures["replications"]),
                "note": _("completed; %(ongoing)s more under way")
                % {"ongoing": num(figures["ongoing"])},
                "url": replications,
            },
            {
                "key": "lgis_reached",
                "label": _("LGIs reached"),
                "value": num(figures["lgis_reached"]),
                "note": _("unions and pourashavas with a completed replication"),
                "url": replications,
            },
            {
                "key": "budget_spent",
                "label": _("Union budget spent"),
                "value": short_money(figures["budget_spent"]),
                "title": money(figures["budget_spent"]),
                "note": _("US$ %(usd)s at %(rate)s taka per dollar")
                % {"usd": num(figures["budget_spent_usd"]), "rate": num(figures["rate"])},
                "url": table_url(
                    "budget-allocations", {**area, **budget_years, "effective": "true"}
                ),
            },
            {
                "key": "beneficiaries",
                "label": _("Beneficiaries") if registry else _("Households reached"),
                "value": count_text(figures["beneficiaries"]),
                "note": (
                    _("persons in the beneficiary registry; %(households)s households")
                    % {"households": count_text(figures["beneficiary_households"])}
                )
                if registry
                else _("as reported by replications (the registry holds no figures yet)"),
                "url": table_url("impact", s.params()),
            },
            *self._sustainability_items(area),
            {
                "key": "circulars",
                "label": _("Circulars"),
                "value": num(figures["circulars"]),
                "note": _("government circulars institutionalising practices"),
                "url": table_url("circulars", {**area, **_bounds("date_issued", dates)}),
            },
        ]
        return items

    def _sustainability_items(self, area):
        """The headline on replications that last: the share still running at the latest
        re-check with any figures (three years, else one), both re-checks in the note; nothing
        before the first re-check is recorded."""
        lines = sustainability(self.figures.sustainability)
        if not lines:
            return []
        latest = lines[-1]
        return [
            {
                "key": "sustainability",
                "label": _("Still running after 3 years")
                if latest["milestone"] == 3
                else _("Still running after 1 year"),
                "value": latest["share"],
                "note": "; ".join(line["text"] for line in lines),
                "url": table_url("practices", area),
            }
        ]

    @cached_property
    def charts(self):
        figures = self.figures
        spread_links = [
            reverse("practice_spread", kwargs={"slug": row["practice"].slug})
            for row in figures.top_practices
        ]
        specs = [
            (
                _("Replications per fiscal year"),
                charts.replications_chart(figures),
                _("Fiscal year"),
                None,
                self._unknown_year_note(),
            ),
            (
                _("Union budget spent per fiscal year, by source of funds"),
                charts.budget_chart(figures),
                _("Fiscal year"),
                None,
                _("Amounts in lakh taka on the axis; the table gives them in full."),
            ),
            (
                _("Best practices over time"),
                charts.best_practices_chart(figures),
                _("Fiscal year"),
                None,
                _("By the fiscal year each practice reached the best-practice mark."),
            ),
            (
                _("Beneficiaries by theme")
                if figures.uses_registry
                else _("Households reached by theme"),
                charts.beneficiaries_chart(figures),
                _("Theme"),
                None,
                _("Persons in the beneficiary registry; a person counts once per practice.")
                + " "
                + _(
                    "Counts under 5 are shown as “<5”; “withheld” marks a count held back so "
                    "that one under 5 cannot be worked out from the others."
                )
                if figures.uses_registry
                else _("As reported by replications; the registry holds no figures yet."),
            ),
            (
                _("Circular pipeline"),
                charts.funnel_chart(figures),
                _("Step"),
                None,
                _(
                    "Practices that reached each step: nominated at a workshop, presented to "
                    "policymakers, under review, circular issued."
                ),
            ),
            (
                _("Most replicated practices"),
                charts.top_practices_chart(figures),
                _("Practice"),
                spread_links,
                _("Each practice links to the map of where it spread."),
            ),
        ]
        return [
            {
                "title": title,
                "payload": payload,
                "table": charts.table_of(payload, first_column, links),
                "note": note,
                "empty": not any(any(dataset["data"]) for dataset in payload["datasets"]),
            }
            for title, payload, first_column, links, note in specs
        ]

    def _unknown_year_note(self):
        unknown = self.figures.replications_year_unknown
        if self.selection.has_years or not (unknown["completed"] or unknown["ongoing"]):
            return ""
        return _(
            "%(count)s replications have no fiscal year recorded and are not in the chart."
        ) % {"count": num(unknown["completed"] + unknown["ongoing"])}

    @cached_property
    def map(self):
        return area_map(self.figures, self.map_level, self.map_metric)


def _start_years(selection):
    from practices import fiscal

    first = fiscal.parse(selection.year_from).start if selection.year_from else None
    last = fiscal.parse(selection.year_to).start if selection.year_to else None
    return first, last


def _range_dates(selection):
    from practices import fiscal

    first = fiscal.parse(selection.year_from).first_day if selection.year_from else None
    last = fiscal.parse(selection.year_to).last_day if selection.year_to else None
    return first, last


def _bounds(field, pair):
    first, last = pair or (None, None)
    params = {}
    if first is not None:
        params[f"{field}_min"] = str(first)
    if last is not None:
        params[f"{field}_max"] = str(last)
    return params


class AreaMap:
    """A choropleth and its ranked table, with values written the page language's way."""

    METRIC_LABELS = {
        "replications": gettext_lazy("completed replications"),
        "budget": gettext_lazy("union budget spent"),
        "beneficiaries": gettext_lazy("beneficiaries"),
    }

    def __init__(self, choropleth, ranking, metric, level, within, uses_registry):
        self.choropleth = choropleth
        self.ranking = ranking
        self.metric = metric
        self.level = level
        self.within = within
        self.uses_registry = uses_registry

    def format(self, value):
        if self.metric == "budget":
            return money(value)
        if self.metric == "beneficiaries":
            return count_text(value)
        return num(value)

    @cached_property
    def metric_label(self):
        if self.metric == "beneficiaries" and not self.uses_registry:
            return _("households reached (reported)")
        return str(self.METRIC_LABELS[self.metric])

    @cached_property
    def shapes(self):
        return [
            {
                "d": shape.d,
                "area": area,
                "class": klass,
                "fill": maps.colour(klass, len(self.choropleth.legend)),
                "text": f"{area.name if area else shape.code}: {self.format(value)}",
            }
            for shape, area, value, klass in self.choropleth.areas
        ]

    @cached_property
    def legend(self):
        rows = []
        for index, fill, low, high in self.choropleth.legend:
            if self.metric == "budget":
                top = short_money(high)
                text = (
                    _("up to %(value)s") % {"value": top}
                    if index == 1
                    else f"{short_money(low)} – {top}"
                )
            elif low + 1 >= high:
                text = self.format(high)
            else:
                text = f"{self.format(low + 1)} – {self.format(high)}"
            rows.append({"fill": fill, "text": text})
        return rows

    @cached_property
    def ranked(self):
        return [
            {"area": area, "value": value, "text": self.format(value)}
            for area, value in self.ranking
            if value
        ]

    @cached_property
    def without_value(self):
        return sum(1 for _area, value in self.ranking if not value)

    @cached_property
    def missing(self):
        return [
            {"area": area, "text": self.format(value)} for area, value in self.choropleth.missing
        ]


def area_map(figures, level, metric):
    selection = figures.selection
    within = selection.area.code if selection.area is not None else ""
    ranking = figures.area_ranking(level, metric)
    shape = maps.choropleth(level, within, ranking, metric)
    return AreaMap(shape, ranking, metric, level, within, figures.uses_registry)


def map_options(params, selection):
    metric = params.get("map")
    metric = metric if metric in MAP_METRICS else "replications"
    if selection.district is not None:
        return metric, Level.UPAZILA, [Level.UPAZILA]
    levels = [Level.DISTRICT, Level.UPAZILA]
    if selection.division is None:
        levels.insert(0, Level.DIVISION)
    level = params.get("level")
    level = level if level in levels else Level.DISTRICT
    return metric, level, levels


def filter_fields(form, selection):
    """The filter's selects, the selection's values chosen: written out by the template, which
    is quicker than a widget template per option and shows what is applied even after an
    error."""
    chosen = selection.params()
    fields = []
    for name, field in form.fields.items():
        bound = form[name]
        fields.append(
            {
                "name": name,
                "id": bound.id_for_label,
                "label": bound.label,
                "options": [
                    (str(value), str(label), str(value) == chosen.get(name, ""))
                    for value, label in field.choices
                ],
            }
        )
    return fields
