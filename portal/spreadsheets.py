"""Cells that a spreadsheet shows and never runs.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - or @ (and, after a tab or
carriage return, whatever follows) as a formula, in a downloaded CSV as in a workbook. Every
export of the portal writes its cells through here:

- CSV: such a text is written with an apostrophe before it, which spreadsheets take as "this is
  text" (OWASP's advice for CSV injection). A plain number written as text ("-12.50") is left
  alone: it runs nothing, and a reader wants the number.
- Excel: every text is stored as a text cell, never as a formula (openpyxl would otherwise turn
  any string that starts with "=" into one, and an error code such as "#REF!" into an error),
  so it needs no apostrophe. Any other string openpyxl stores as text already, and passing it
  as it is spares a cell object per value in a large download.
"""

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

_ALWAYS_RUN = ("=", "@", "\t", "\r", "\n", "\uff1d", "\uff20")
_SIGNS = ("+", "-", "\uff0b", "\uff0d")
_PLAIN_NUMBER_RE = re.compile(r"[+-]?(?:\d[\d,]*)?(?:\.\d+)?%?")


def runs_as_formula(text):
    """Whether a spreadsheet opening this text from a CSV file could run it."""
    if not text:
        return False
    if text.startswith(_ALWAYS_RUN):
        return True
    return text.startswith(_SIGNS) and not _PLAIN_NUMBER_RE.fullmatch(text)


def csv_cell(value):
    """The value for a CSV cell: None empty, text that could run with an apostrophe before it."""
    if value is None:
        return ""
    if isinstance(value, str) and runs_as_formula(value):
        return "'" + value
    return value


def xlsx_cell(sheet, value):
    """The value for a write-only sheet's row: text that openpyxl would take for a formula or
    an error as a text cell, anything else as it is."""
    if not isinstance(value, str) or not (value.startswith("=") or value in ERROR_CODES):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_row(sheet, values):
    """A row of values for `sheet.append`, every text a text cell."""
    return [xlsx_cell(sheet, value) for value in values]
