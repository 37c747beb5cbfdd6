"""The dashboard's context and downloads, area pages, a practice's spread map and fact sheet,
the boundary files, and the open data pages and downloads."""

import hashlib
import json

from django.conf import settings
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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from places.models import Area, Level
from portal import pagecontext, public
from portal.models import PortalSettings
from portal.templatetags.hlp import digits, num
from practices.models import PracticePage

from . import areas as area_figures
from . import exports, maps, name_choices, readable
from .figures import DashboardFigures
from .opendata import TABLES, TABLES_BY_SLUG, InvalidFilter
from .presentation import (
    is_bangla,
    map_options,
    read_selection,
)

TABLE_PAGE_SIZE = 50


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
    """Every figure the dashboard shows for a selection, the map's at the page's level."""
    _form, selection = read_selection(request.GET)
    _metric, level, _levels = map_options(request.GET, selection)
    figures = DashboardFigures(selection)
    name = "hlp-dashboard" + (f"-{_slug(selection)}" if selection.params() else "")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.dashboard_csv(figures, level), content_type=exports.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.dashboard_xlsx(figures, selection_text(selection), level),
            content_type=exports.XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
        return response
    raise Http404


def _slug(selection):
    return "-".join(selection.params().values())


# --- areas ---------------------------------------------------------------------------------


def area_index(request):
    """Every division with its districts, each linked to its area page."""
    districts = {}
    for district in Area.objects.of_level(Level.DISTRICT).select_related("division"):
        districts.setdefault(district.division_id, []).append(district)
    divisions = [
        {"area": division, "districts": sorted(districts.get(division.pk, []), key=_area_name)}
        for division in sorted(Area.objects.of_level(Level.DIVISION), key=_area_name)
    ]
    return render(request, "dashboards/area_index.html", {"divisions": divisions})


def _area_name(area):
    return area.name


def area_detail(request, key):
    area = get_object_or_404(
        Area.objects.select_related("parent", "division", "district", "upazila"), key=key
    )

    def body():
        context = area_figures.area_context(area)
        context["map"] = area_figures.area_page_map(area)
        return render_to_string("dashboards/includes/area_body.html", context, request)

    return render(
        request,
        "dashboards/area_detail.html",
        {
            "area": area,
            "ancestors": area_figures.ancestors_of(area),
            "body": pagecontext.kept_fragment(request, f"area:{area.key}", body),
        },
    )


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
    """The data-package page: every table, every column's meaning, unit and source."""
    tables = [
        {
            "table": table,
            "fields": table.columns(),
            "html_url": reverse("data_table", kwargs={"slug": table.slug}),
            "csv_url": reverse("data_download", kwargs={"slug": table.slug, "fmt": "csv"}),
            "xlsx_url": reverse("data_download", kwargs={"slug": table.slug, "fmt": "xlsx"}),
            "api_url": reverse(f"{table.api_basename}-list"),
        }
        for table in TABLES
    ]
    threshold = PortalSettings.load(request_or_site=request).best_practice_threshold
    return render(
        request, "dashboards/data_package.html", {"tables": tables, "threshold": threshold}
    )


FRICTIONLESS_TYPES = {
    readable.ID: "integer",
    readable.KEY: "string",
    readable.TEXT: "string",
    readable.YEAR: "string",
    readable.INTEGER: "integer",
    readable.AMOUNT: "number",
    readable.BOOLEAN: "boolean",
    readable.DATE: "date",
    readable.DATETIME: "datetime",
    readable.LIST: "string",
}


def data_package_json(request):
    """The tables described as a Frictionless Data Package (datapackage.json): the CSV files in
    the language of the request, each column by its header there."""
    yes_no = {"trueValues": [str(_("Yes"))], "falseValues": [str(_("No"))]}
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
                            "name": str(column.label),
                            "title": column.name,
                            "description": str(column.meaning),
                            "type": FRICTIONLESS_TYPES[column.kind],
                            **({"unit": str(column.unit)} if column.unit else {}),
                            **(yes_no if column.kind == readable.BOOLEAN else {}),
                            "source": str(column.source),
                        }
                        for column in table.columns()
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
    """One public table as a page: filters by name, 50 rows a page with names beside codes, and
    its downloads."""
    table = _table_or_404(slug)
    try:
        form, rows = table.rows(request.GET)
        errors = None
    except InvalidFilter as invalid:
        form, rows, errors = invalid.form, [], invalid.form.errors
    reader = readable.reader_of(table)
    values = reader.values(rows) if hasattr(rows, "values_list") else rows
    page = Paginator(values, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    columns = table.columns()
    names = readable.Names()
    records = [
        [display_value(column, column.read(reader.shape(row), names)) for column in columns]
        for row in page.object_list
    ]
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    dashboard_form = None
    if table.slug == "impact":
        dashboard_form, _selection = read_selection(request.GET)
    choices = name_choices.datalists(form, names) if form is not None else []
    return render(
        request,
        "dashboards/data_table.html",
        {
            "table": table,
            "form": form,
            "dashboard_form": dashboard_form,
            "datalists": choices,
            "errors": errors,
            "page_obj": page,
            "columns": columns,
            "records": records,
            "query": query,
            "csv_url": reverse("data_download", kwargs={"slug": slug, "fmt": "csv"})
            + (f"?{query}" if query else ""),
            "xlsx_url": reverse("data_download", kwargs={"slug": slug, "fmt": "xlsx"})
            + (f"?{query}" if query else ""),
            "api_url": reverse(f"{table.api_basename}-list") + (f"?{query}" if query else ""),
            "large": page.paginator.count >= settings.DOWNLOAD_PROGRESS_ROWS,
        },
        status=400 if errors else 200,
    )


def display_value(column, value):
    """A cell of an open data table as shown on the page: names and labels as they are, numbers
    and dates the page language's way, yes or no."""
    if value is None or value == "" or value == []:
        return "—"
    kind = column.kind
    if kind == readable.BOOLEAN:
        return _("Yes") if value else _("No")
    if kind in (readable.INTEGER, readable.AMOUNT):
        return num(value)
    if kind in (readable.DATE, readable.DATETIME, readable.YEAR, readable.ID):
        return digits(str(value)[:16].replace("T", " ") if kind == readable.DATETIME else value)
    if kind == readable.LIST:
        return "; ".join(str(item) for item in value)
    return str(value)


def download_key(request, slug, fmt):
    """The cache key of a download (`exports.download_key`), None without a data version."""
    version = public.version()
    if version is None:
        return None
    pairs = [(k, v) for k, values in request.GET.lists() for v in values]
    return exports.download_key(version, get_language(), slug, fmt, pairs)


def _kept(key, pieces):
    """Pass a streamed file's pieces on, and keep the whole file once it has all gone out (a
    download broken off is not kept)."""
    parts = []
    for piece in pieces:
        data = piece.encode("utf-8")
        parts.append(data)
        yield data
    if key is not None:
        cache.set(key, b"".join(parts), exports.DOWNLOAD_SECONDS)


def data_download(request, slug, fmt):
    """A table as CSV (streamed) or Excel, kept per data version, language and filter so that
    the same download again is answered from the cache."""
    table = _table_or_404(slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content_type = exports.CSV_CONTENT_TYPE if fmt == "csv" else exports.XLSX_CONTENT_TYPE
    key = download_key(request, slug, fmt)
    body = cache.get(key) if key is not None else None
    if body is None:
        try:
            _form, rows = table.rows(request.GET)
        except InvalidFilter as invalid:
            return HttpResponse(
                json.dumps(invalid.form.errors, ensure_ascii=False),
                status=400,
                content_type="application/json",
            )
        if fmt == "csv":
            response = StreamingHttpResponse(
                _kept(key, exports.table_csv(table, rows)), content_type=content_type
            )
        else:
            body = exports.table_xlsx(table, rows)
            if key is not None:
                cache.set(key, body, exports.DOWNLOAD_SECONDS)
            response = HttpResponse(body, content_type=content_type)
    else:
        response = HttpResponse(body, content_type=content_type)
        response["X-Download-Cache"] = "hit"
    response["Content-Disposition"] = content_disposition_header(True, f"hlp-{slug}.{fmt}")
    return response
