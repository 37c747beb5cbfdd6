"""CSV and Excel downloads of the public tables and of a filtered dashboard view.

CSV is UTF-8 with a byte-order mark (so spreadsheet programs read Bangla right), one header row
of field names; lists are joined with ";", empty values are empty cells. Excel workbooks carry
the same columns, numbers as numbers and dates as dates, and a sheet explaining every field.
No cell runs as a formula in a spreadsheet (`portal.spreadsheets`): a practice's title may start
with "=".
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.spreadsheets import csv_cell, xlsx_cell, xlsx_row

from .cube import published_count

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
_CHUNK = 2000


def serialized_rows(table, rows):
    """Each row as the API publishes it (a dict of the table's fields)."""
    serializer_class = table.serializer
    if isinstance(rows, list):
        yield from serializer_class(rows, many=True).data
        return
    iterator = rows.iterator(chunk_size=_CHUNK)
    for row in iterator:
        yield serializer_class(row).data


def plain_value(value):
    """A value as text: lists joined with ";", None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
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


def table_csv(table, rows):
    names = [name for name, *_ in table.fields()]
    records = ([row.get(name) for name in names] for row in serialized_rows(table, rows))
    return csv_stream(names, records)


def _excel_value(value, kind):
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if kind == "date" and isinstance(value, str) and value:
        return datetime.date.fromisoformat(value)
    return value


def _bold_row(sheet, values):
    """A header row: text cells, in bold."""
    cells = [xlsx_cell(sheet, str(value)) for value in values]
    for cell in cells:
        cell.font = Font(bold=True)
    return cells


def _field_sheet(workbook, fields):
    sheet = workbook.create_sheet(_("fields"))
    sheet.append(_bold_row(sheet, [_("field"), _("meaning"), _("unit"), _("source"), _("type")]))
    for name, meaning, unit, source, kind in fields:
        sheet.append(xlsx_row(sheet, [name, str(meaning), str(unit), str(source), kind]))


def table_xlsx(table, rows):
    """The table as an Excel workbook (bytes): the rows, then the fields explained."""
    fields = table.fields()
    names = [name for name, *_ in fields]
    kinds = {name: kind for name, _m, _u, _s, kind in fields}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.slug[:31])
    sheet.append(_bold_row(sheet, names))
    for row in serialized_rows(table, rows):
        sheet.append(xlsx_row(sheet, [_excel_value(row.get(name), kinds[name]) for name in names]))
    _field_sheet(workbook, fields)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- a filtered dashboard view -------------------------------------------------------------

DASHBOARD_COLUMNS = ["section", "key", "measure", "value", "unit"]


def dashboard_records(figures):
    """The figures of a dashboard view as (section, key, measure, value, unit) rows; withheld
    counts of beneficiaries (under 5, or held back so that one under 5 cannot be worked out)
    are left empty, as on the page."""
    headline = figures.headline
    people = "persons" if headline["beneficiaries_source"] == "registry" else "households"
    units = {
        "practices": "practices",
        "best_practices": "practices",
        "replications": "replications",
        "ongoing": "replications",
        "lgis_reached": "LGIs",
        "budget_allocated": "BDT",
        "budget_spent": "BDT",
        "budget_spent_usd": "USD",
        "rate": "BDT per USD",
        "beneficiaries": people,
        "beneficiary_households": "households",
        "circulars": "circulars",
    }
    for measure, unit in units.items():
        value = headline[measure]
        if measure in ("beneficiaries", "beneficiary_households"):
            value = published_count(value)
        yield ("headline", "", measure, value, unit)
    yield ("headline", "", "beneficiaries_source", headline["beneficiaries_source"], "")
    for row in figures.replications_by_year:
        yield ("replications_by_year", row["fiscal_year"], "completed", row["completed"], "")
        yield ("replications_by_year", row["fiscal_year"], "ongoing", row["ongoing"], "")
    for row in figures.budget_by_year:
        for source, amount in row["spent"].items():
            yield ("budget_spent_by_year", f"{row['fiscal_year']} {source}", "spent", amount, "BDT")
        for source, amount in row["allocated"].items():
            key = f"{row['fiscal_year']} {source}"
            yield ("budget_allocated_by_year", key, "allocated", amount, "BDT")
    for row in figures.best_practices_by_year:
        yield ("best_practices_by_year", row["fiscal_year"], "new", row["new"], "practices")
        yield ("best_practices_by_year", row["fiscal_year"], "total", row["total"], "practices")
    for row in figures.beneficiaries_by_theme:
        value = published_count(row["beneficiaries"])
        yield ("beneficiaries_by_theme", row["theme"].slug, "beneficiaries", value, people)
    for row in figures.funnel:
        yield ("circular_pipeline", row["status"].value, "practices", row["practices"], "")
    for row in figures.top_practices:
        key = str(row["practice"].pk)
        yield ("top_practices", key, "completed", row["completed"], "replications")
        yield ("top_practices", key, "ongoing", row["ongoing"], "replications")


def dashboard_csv(figures):
    return csv_stream(DASHBOARD_COLUMNS, dashboard_records(figures))


def dashboard_xlsx(figures, selection_text):
    """One sheet per section of the view, and one saying what the view is filtered by."""
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet(_("filter"))
    about.append(_bold_row(about, [_("filter"), _("value")]))
    for name, value in selection_text:
        about.append(xlsx_row(about, [name, value]))
    sheets = {}
    for section, key, measure, value, unit in dashboard_records(figures):
        if section not in sheets:
            sheets[section] = workbook.create_sheet(section[:31])
            sheets[section].append(_bold_row(sheets[section], DASHBOARD_COLUMNS[1:]))
        sheets[section].append(xlsx_row(sheets[section], [key, measure, value, unit]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
