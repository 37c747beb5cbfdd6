"""CSV and Excel downloads of the public tables and of a filtered dashboard view.

Both read as a person reads the table's page (`readable`): headers in the page's language, the
name of every practice and area beside its code, choices by their labels, yes/no for booleans.
CSV is UTF-8 with a byte-order mark (so spreadsheet programs read Bangla right), written in
pieces for a streaming response; lists are joined with ";", empty values are empty cells.
Excel workbooks are written in openpyxl's write-only mode: a frozen, bold header row, column
widths, amounts with thousands grouping, numbers as numbers and dates as dates, and a sheet
describing every column. No cell runs as a formula in a spreadsheet (`portal.spreadsheets`): a
practice's title may start with "=".
"""

import csv
import datetime
import hashlib
import io
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.spreadsheets import csv_cell, xlsx_cell, xlsx_row

from . import readable
from .cube import published_count

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
_LINES = 500
BOLD = Font(bold=True)


def plain_value(value):
    """A value as text: lists joined with ";", None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return str(value)


def csv_value(value):
    """A value for a CSV cell: text that a spreadsheet could run gets an apostrophe first."""
    text = plain_value(value)
    return csv_cell(text) if isinstance(value, str | list | tuple) else text


class _Echo:
    def write(self, value):
        return value


def csv_stream(header, records):
    """Lines of a CSV file (for a streaming response): the BOM and header, then each record."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for record in records:
        yield writer.writerow([csv_value(value) for value in record])


def _csv_cells(columns):
    """For each column, how its values become CSV cells: yes/no in the page's language, lists
    joined, text that could run as a formula neutralised, numbers and dates as they are."""
    yes, no = str(_("Yes")), str(_("No"))

    def boolean(value):
        return "" if value is None else (yes if value else no)

    def text(value):
        return "" if value is None else csv_cell(str(value))

    def joined(value):
        return csv_cell(";".join(str(item) for item in value or ()))

    def plain(value):
        return "" if value is None else value

    ways = {readable.BOOLEAN: boolean, readable.TEXT: text, readable.KEY: text}
    ways[readable.LIST] = joined
    return [ways.get(column.kind, plain) for column in columns]


def table_csv(table, rows):
    """The table as CSV text, in pieces of a few hundred lines (for a streaming response):
    headers and names in the active language."""
    columns = table.columns()
    cells = _csv_cells(columns)
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([str(column.label) for column in columns])
    lines = []
    for record in readable.records(table, rows, readable.Names()):
        lines.append(
            writer.writerow([cell(value) for cell, value in zip(cells, record, strict=True)])
        )
        if len(lines) >= _LINES:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


WIDTHS = {
    readable.ID: 9,
    readable.KEY: 12,
    readable.YEAR: 11,
    readable.INTEGER: 12,
    readable.AMOUNT: 16,
    readable.BOOLEAN: 10,
    readable.DATE: 12,
    readable.DATETIME: 18,
    readable.LIST: 30,
    readable.TEXT: 24,
}
WIDE = {"title": 48, "title_en": 48, "summary_bn": 60, "summary_en": 60, "text_bn": 60}
WIDE.update({"text_en": 60, "practice_title": 40, "url": 40, "document_url": 40})
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"


def _column_width(column):
    width = WIDE.get(column.name, WIDTHS[column.kind])
    return max(width, min(len(str(column.label)) + 3, 40))


# --- kept per data version ---------------------------------------------------------------

DOWNLOAD_SECONDS = 24 * 3600


def download_key(version, language, slug, fmt, pairs):
    """The cache key of a table's download: data version, language, table, format and the
    filter's (name, value) pairs in any order."""
    query = urlencode(sorted(pairs))
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"dashboards:download:{version}:{language}:{slug}.{fmt}:{digest}"


def prepare_downloads(version, tables, languages):
    """Make and keep the unfiltered downloads of `tables` in `languages` for `version` that are
    not kept yet; returns how many were made."""
    made = 0
    for language in languages:
        with translation.override(language):
            for table in tables:
                for fmt in ("csv", "xlsx"):
                    key = download_key(version, language, table.slug, fmt, [])
                    if cache.get(key) is not None:
                        continue
                    _form, rows = table.rows({})
                    if fmt == "csv":
                        body = "".join(table_csv(table, rows)).encode("utf-8")
                    else:
                        body = table_xlsx(table, rows)
                    cache.set(key, body, DOWNLOAD_SECONDS)
                    made += 1
    return made


def _xlsx_cells(sheet, columns):
    """For each column, how its values become cells of a write-only sheet."""
    yes, no = str(_("Yes")), str(_("No"))

    def formatted(number_format):
        def cell(value):
            if value is None:
                return None
            made = WriteOnlyCell(sheet, value=value)
            made.number_format = number_format
            return made

        return cell

    def boolean(value):
        return None if value is None else xlsx_cell(sheet, yes if value else no)

    def text(value):
        return None if value is None or value == "" else xlsx_cell(sheet, str(value))

    def joined(value):
        return xlsx_cell(sheet, ";".join(str(item) for item in value or ())) if value else None

    # openpyxl gives dates and times a date format of its own: no cell object needed.
    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    def moment(value):
        if not value:
            return None
        when = datetime.datetime.fromisoformat(value)
        if when.tzinfo is not None:
            when = timezone.localtime(when).replace(tzinfo=None)
        return when

    def plain(value):
        return value

    ways = {
        readable.BOOLEAN: boolean,
        readable.TEXT: text,
        readable.KEY: text,
        readable.YEAR: text,
        readable.LIST: joined,
        readable.AMOUNT: formatted(AMOUNT_FORMAT),
        readable.INTEGER: formatted(COUNT_FORMAT),
        readable.DATE: day,
        readable.DATETIME: moment,
    }
    return [ways.get(column.kind, plain) for column in columns]


def _sheet_title(title):
    return "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31]


def _header(sheet, columns):
    """Widths set before any row (a write-only sheet needs them first), then a bold header row
    that stays in view while scrolling."""
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _column_width(column)
    sheet.freeze_panes = "A2"
    sheet.append(_bold_row(sheet, [column.label for column in columns]))


def table_xlsx(table, rows):
    """The table as an Excel workbook (bytes): the rows under a frozen header row, amounts with
    thousands grouping, dates as dates, then a sheet describing every column."""
    columns = table.columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    _header(sheet, columns)
    cells = _xlsx_cells(sheet, columns)
    for record in readable.records(table, rows, readable.Names()):
        sheet.append([cell(value) for cell, value in zip(cells, record, strict=True)])
    _columns_sheet(workbook, columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold_row(sheet, values):
    """A header row: text cells, in bold."""
    cells = [WriteOnlyCell(sheet, value=str(value)) for value in values]
    for cell in cells:
        cell.data_type = "s"
        cell.font = BOLD
    return cells


def _columns_sheet(workbook, columns):
    """What each column holds: its header, the field's name in the API, meaning, unit, source
    and type."""
    sheet = workbook.create_sheet(_sheet_title(_("fields")))
    described = [
        (_("column"), 28),
        (_("field"), 22),
        (_("meaning"), 70),
        (_("unit"), 16),
        (_("source"), 40),
        (_("type"), 10),
    ]
    for index, (_name, width) in enumerate(described, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_bold_row(sheet, [name for name, _width in described]))
    for column in columns:
        sheet.append(
            xlsx_row(
                sheet,
                [
                    str(column.label),
                    column.name,
                    str(column.meaning),
                    str(column.unit),
                    str(column.source),
                    column.kind,
                ],
            )
        )


# --- a filtered dashboard view -------------------------------------------------------------

DASHBOARD_COLUMNS = [
    _lazy("Section"),
    _lazy("Item"),
    _lazy("Code"),
    _lazy("Measure"),
    _lazy("Value"),
    _lazy("Unit"),
]


def _headline_measures(people):
    return [
        ("practices", _("Practices"), _("practices")),
        ("best_practices", _("Best practices"), _("practices")),
        ("replications", _("Completed replications"), _("replications")),
        ("ongoing", _("Ongoing replications"), _("replications")),
        ("lgis_reached", _("LGIs reached"), _("LGIs")),
        ("budget_allocated", _("Union budget allocated"), _("BDT")),
        ("budget_spent", _("Union budget spent"), _("BDT")),
        ("budget_spent_usd", _("Union budget spent in US dollars"), "USD"),
        ("rate", _("Taka per US dollar"), _("BDT per USD")),
        ("beneficiaries", _("Beneficiaries"), people),
        ("beneficiary_households", _("Beneficiary households"), _("households")),
        ("circulars", _("Circulars"), _("circulars")),
    ]


def dashboard_records(figures, map_level):
    """`_dashboard_rows` with every text as a plain string (labels are translated lazily)."""
    for section, item, code, measure, value, unit in _dashboard_rows(figures, map_level):
        yield (str(section), str(item), str(code), str(measure), value, str(unit))


def _dashboard_rows(figures, map_level):
    """Every figure of a dashboard view, the map's included, as (section, item, code, measure,
    value, unit) rows: names and labels in the page's language, codes beside them. Withheld
    counts of beneficiaries (under 5, or held back so that one under 5 cannot be worked out)
    are left empty, as on the page."""
    from practices.models import FundSource

    from .presentation import AreaMap

    headline = figures.headline
    registry = headline["beneficiaries_source"] == "registry"
    people = _("persons") if registry else _("households")
    section = _("Headline figures")
    for measure, label, unit in _headline_measures(people):
        value = headline[measure]
        if measure in ("beneficiaries", "beneficiary_households"):
            value = published_count(value)
        if measure == "beneficiaries" and not registry:
            label = _("Households reached")
        yield (section, "", measure, label, value, unit)
    section = _("Replications per fiscal year")
    for row in figures.replications_by_year:
        year = row["fiscal_year"]
        yield (section, year, year, _("Completed replications"), row["completed"], "")
        yield (section, year, year, _("Ongoing replications"), row["ongoing"], "")
    sources = dict(FundSource.choices)
    for name, part in (
        (_("Union budget spent"), "spent"),
        (_("Union budget allocated"), "allocated"),
    ):
        section = _("%(figure)s per fiscal year") % {"figure": name}
        for row in figures.budget_by_year:
            year = row["fiscal_year"]
            for source, amount in row[part].items():
                item = f"{year} · {sources.get(source, source)}"
                yield (section, item, f"{year} {source}", name, amount, _("BDT"))
    section = _("Best practices over time")
    for row in figures.best_practices_by_year:
        year = row["fiscal_year"]
        yield (section, year, year, _("New best practices"), row["new"], _("practices"))
        yield (section, year, year, _("Best practices in all"), row["total"], _("practices"))
    section = _("Beneficiaries by theme") if registry else _("Households reached by theme")
    for row in figures.beneficiaries_by_theme:
        value = published_count(row["beneficiaries"])
        theme = row["theme"]
        yield (section, theme.name, theme.slug, _("Beneficiaries"), value, people)
    section = _("Circular pipeline")
    for row in figures.funnel:
        status = row["status"]
        yield (section, status.label, status.value, _("Practices"), row["practices"], "")
    section = _("Most replicated practices")
    for row in figures.top_practices:
        practice = row["practice"]
        title, code = practice.display_title, str(practice.pk)
        yield (section, title, code, _("Completed replications"), row["completed"], "")
        yield (section, title, code, _("Ongoing replications"), row["ongoing"], "")
    section = _("Map: %(level)s") % {"level": dict(_levels())[map_level]}
    for metric in ("replications", "budget", "beneficiaries"):
        label = AreaMap.METRIC_LABELS[metric]
        if metric == "beneficiaries" and not registry:
            label = _("households reached (reported)")
        unit = {"replications": _("replications"), "budget": _("BDT")}.get(metric, people)
        for area, value in figures.area_ranking(map_level, metric):
            if metric == "beneficiaries":
                value = published_count(value)
            yield (section, area.name, area.key, str(label), value, unit)


def _levels():
    from places.models import Level

    return Level.choices


def dashboard_csv(figures, map_level):
    header = [str(label) for label in DASHBOARD_COLUMNS]
    return csv_stream(header, dashboard_records(figures, map_level))


DASHBOARD_WIDTHS = (40, 14, 34, 16, 14)


def dashboard_xlsx(figures, selection_text, map_level):
    """One sheet per section of the view, each under a frozen header row, amounts with thousands
    grouping, and a first sheet saying what the view is filtered by."""
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet(_sheet_title(_("filter")))
    for letter, width in (("A", 24), ("B", 40)):
        about.column_dimensions[letter].width = width
    about.append(_bold_row(about, [_("filter"), _("value")]))
    for name, value in selection_text:
        about.append(xlsx_row(about, [name, value]))
    amount = WriteOnlyCell
    sheets = {}
    for section, item, code, measure, value, unit in dashboard_records(figures, map_level):
        sheet = sheets.get(section)
        if sheet is None:
            sheet = sheets[section] = workbook.create_sheet(_sheet_title(section))
            for index, width in enumerate(DASHBOARD_WIDTHS, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = width
            sheet.freeze_panes = "A2"
            sheet.append(_bold_row(sheet, DASHBOARD_COLUMNS[1:]))
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            cell = amount(sheet, value=value)
            cell.number_format = AMOUNT_FORMAT if isinstance(value, Decimal) else COUNT_FORMAT
            value = cell
        sheet.append(xlsx_row(sheet, [item, code, measure, value, unit]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
