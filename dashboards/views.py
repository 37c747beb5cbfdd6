"""The dashboard's context, area pages, a practice's spread map and fact sheet, the boundary
files, and the open data pages and downloads."""

import hashlib
import json
from functools import cached_property, partial
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from hlp_site.models import PortalSettings
from hlp_site.templatetags.hlp import digits, money, num, small_count
from places.models import Area, Level
from practices.models import PracticePage

from . import areas as area_figures
from . import charts, exports, maps, versions
from .figures import MAP_METRICS, DashboardFigures
from .filters import DashboardFilterForm, Selection
from .models import PracticeFigure
from .opendata import TABLES, TABLES_BY_SLUG, InvalidFilter

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


def short_money(amount):
    """A large amount in words of lakh and crore: ১২৩.৪৫ কোটি টাকা, 123.45 crore BDT."""
    crore, lakh = 10_000_000, 100_000
    if amount >= crore:
        value, unit = amount / crore, (_("crore"))
    elif amount >= lakh:
        value, unit = amount / lakh, (_("lakh"))
    else:
        return money(amount)
    figure = num(round(value, 2))
    return f"{figure} {unit} {'টাকা' if is_bangla() else 'BDT'}"


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
                "value": small_count(figures["beneficiaries"]),
                "note": (
                    _("persons in the beneficiary registry; %(households)s households")
                    % {"households": small_count(figures["beneficiary_households"])}
                )
                if registry
                else _("as reported by replications (the registry holds no figures yet)"),
                "url": table_url("impact", s.params()),
            },
            {
                "key": "circulars",
                "label": _("Circulars"),
                "value": num(figures["circulars"]),
                "note": _("government circulars institutionalising practices"),
                "url": table_url("circulars", {**area, **_bounds("date_issued", dates)}),
            },
        ]
        return items

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
            return small_count(value)
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
            top = short_money(high) if self.metric == "budget" else self.format(high)
            if index == 1:
                text = _("up to %(value)s") % {"value": top}
            elif self.metric == "budget":
                text = f"{short_money(low)} – {top}"
            elif low + 1 >= high:
                text = top
            else:
                text = f"{self.format(low + 1)} – {top}"
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
    chosen = {
        "division": selection.division.key if selection.division else "",
        "district": selection.district.key if selection.district else "",
        "theme": selection.theme.slug if selection.theme else "",
        "year_from": selection.year_from,
        "year_to": selection.year_to,
    }
    fields = []
    for name, field in form.fields.items():
        bound = form[name]
        fields.append(
            {
                "name": name,
                "id": bound.id_for_label,
                "label": bound.label,
                "options": [
                    (str(value), str(label), str(value) == chosen[name])
                    for value, label in field.choices
                ],
            }
        )
    return fields


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


def selection_text(selection):
    from practices import fiscal

    rows = []
    for name, value in (
        (_("Division"), selection.division.name if selection.division else ""),
        (_("District"), selection.district.name if selection.district else ""),
        (_("Theme"), selection.theme.name if selection.theme else ""),
        (_("From fiscal year"), fiscal.bangla(selection.year_from) if selection.year_from else ""),
        (_("To fiscal year"), fiscal.bangla(selection.year_to) if selection.year_to else ""),
    ):
        rows.append((name, value or _("all")))
    return rows


def dashboard_export(request, fmt):
    _form, selection = read_selection(request.GET)
    figures = DashboardFigures(selection)
    name = "hlp-dashboard" + (f"-{_slug(selection)}" if selection.params() else "")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.dashboard_csv(figures), content_type=exports.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.dashboard_xlsx(figures, selection_text(selection)),
            content_type=exports.XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
        return response
    raise Http404


def _slug(selection):
    return "-".join(selection.params().values())


# --- areas ---------------------------------------------------------------------------------


def area_detail(request, key):
    area = get_object_or_404(
        Area.objects.select_related("parent", "division", "district", "upazila"), key=key
    )
    context = area_figures.area_context(area)
    context["map"] = area_figures.area_page_map(area)
    return render(request, "dashboards/area_detail.html", context)


# --- a practice's spread and fact sheet --------------------------------------------------------


def _live_practice(slug):
    return get_object_or_404(
        PracticePage.objects.live().select_related("theme", "lgi", "lgi__district"), slug=slug
    )


def practice_spread(request, slug):
    practice = _live_practice(slug)
    level = request.GET.get("level")
    level = level if level in (Level.DISTRICT, Level.UPAZILA) else Level.DISTRICT
    context = area_figures.spread_context(practice, level)
    return render(request, "dashboards/practice_spread.html", context)


def practice_factsheet(request, slug):
    from . import factsheet

    practice = _live_practice(slug)
    language = "bn" if is_bangla() else "en"
    name = factsheet.cached_pdf(practice, language)
    response = FileResponse(default_storage.open(name, "rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{practice.slug}-factsheet.pdf"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- boundary files ----------------------------------------------------------------------------


def _boundary_etag(request, level):
    if level not in maps.FILES:
        return None
    stat = maps.boundary_path(level).stat()
    return hashlib.sha1(f"{level}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()


@gzip_page
@cache_control(public=True, max_age=7 * 24 * 3600)
@condition(etag_func=_boundary_etag)
def boundaries(request, level):
    """The boundary polygons of a level, as GeoJSON (RFC 7946), compressed on the way out."""
    if level not in maps.FILES:
        raise Http404
    response = FileResponse(
        maps.boundary_path(level).open("rb"), content_type="application/geo+json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- open data ---------------------------------------------------------------------------------


def data_package(request):
    """The data-package page: every table, every field's meaning, unit and source."""
    tables = [
        {
            "table": table,
            "fields": table.fields(),
            "html_url": reverse("data_table", kwargs={"slug": table.slug}),
            "csv_url": reverse("data_download", kwargs={"slug": table.slug, "fmt": "csv"}),
            "xlsx_url": reverse("data_download", kwargs={"slug": table.slug, "fmt": "xlsx"}),
            "api_url": reverse(f"{table.api_basename}-list"),
        }
        for table in TABLES
    ]
    return render(request, "dashboards/data_package.html", {"tables": tables})


def data_package_json(request):
    """The tables described as a Frictionless Data Package (datapackage.json)."""
    resources = []
    for table in TABLES:
        resources.append(
            {
                "name": table.slug,
                "title": str(table.title),
                "description": str(table.description),
                "path": request.build_absolute_uri(
                    reverse("data_download", kwargs={"slug": table.slug, "fmt": "csv"})
                ),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {
                            "name": name,
                            "description": str(meaning),
                            "type": kind,
                            **({"unit": str(unit)} if unit else {}),
                            "source": str(source),
                        }
                        for name, meaning, unit, source, kind in table.fields()
                    ]
                },
            }
        )
    package = {
        "name": "hlp-portal-open-data",
        "title": _("Horizontal Learning Program: open data"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _table_or_404(slug):
    table = TABLES_BY_SLUG.get(slug)
    if table is None:
        raise Http404
    return table


def data_table(request, slug):
    """One public table as a page: filters, 50 rows a page, and its downloads."""
    table = _table_or_404(slug)
    try:
        form, rows = table.rows(request.GET)
        errors = None
    except InvalidFilter as invalid:
        form, rows, errors = invalid.form, [], invalid.form.errors
    page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    fields = table.fields()
    names = [name for name, *_rest in fields]
    kinds = {name: kind for name, _m, _u, _s, kind in fields}
    records = [
        [display_value(name, kinds[name], row.get(name)) for name in names]
        for row in exports.serialized_rows(table, list(page.object_list))
    ]
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    dashboard_form = None
    if table.slug == "impact":
        dashboard_form, _selection = read_selection(request.GET)
    return render(
        request,
        "dashboards/data_table.html",
        {
            "table": table,
            "form": form,
            "dashboard_form": dashboard_form,
            "errors": errors,
            "page_obj": page,
            "names": names,
            "records": records,
            "query": query,
            "csv_url": reverse("data_download", kwargs={"slug": slug, "fmt": "csv"})
            + (f"?{query}" if query else ""),
            "xlsx_url": reverse("data_download", kwargs={"slug": slug, "fmt": "xlsx"})
            + (f"?{query}" if query else ""),
            "api_url": reverse(f"{table.api_basename}-list") + (f"?{query}" if query else ""),
        },
        status=400 if errors else 200,
    )


IDENTIFIERS = {"id", "practice", "practices", "supersedes", "cause", "year_identified"}


def display_value(name, kind, value):
    """A cell of an open data table as shown on the page: numbers the page language's way,
    identifiers as they are in the downloads."""
    if value is None or value == "":
        return "—"
    if kind in ("integer", "number") and name not in IDENTIFIERS:
        return num(value)
    if kind in ("date", "datetime") or "fiscal_year" in name or name == "year_identified":
        return digits(value)
    return exports.csv_value(value)


def data_download(request, slug, fmt):
    table = _table_or_404(slug)
    try:
        _form, rows = table.rows(request.GET)
    except InvalidFilter as invalid:
        return HttpResponse(
            json.dumps(invalid.form.errors, ensure_ascii=False),
            status=400,
            content_type="application/json",
        )
    filename = f"hlp-{slug}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.table_csv(table, rows), content_type=exports.CSV_CONTENT_TYPE
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.table_xlsx(table, rows), content_type=exports.XLSX_CONTENT_TYPE
        )
    else:
        raise Http404
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
