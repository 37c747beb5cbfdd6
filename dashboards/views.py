"""The dashboard's context and downloads, area pages, a practice's spread map and fact sheet,
the boundary files, and the open data pages and downloads."""

import hashlib
import json

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
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from places.models import Area, Level
from portal.models import PortalSettings
from portal.templatetags.hlp import digits, num
from practices.models import PracticePage

from . import areas as area_figures
from . import exports, maps
from .figures import DashboardFigures
from .opendata import TABLES, TABLES_BY_SLUG, InvalidFilter
from .presentation import (
    is_bangla,
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
    threshold = PortalSettings.load(request_or_site=request).best_practice_threshold
    return render(
        request, "dashboards/data_package.html", {"tables": tables, "threshold": threshold}
    )


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
    return exports.plain_value(value)


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
