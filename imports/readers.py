"""Reading CSV and Excel files row by row, never whole.

CSV: UTF-8 with or without a byte-order mark, or UTF-16 (Excel's "Unicode text"); comma, tab
or semicolon separated. Excel: the first worksheet of an .xlsx workbook, read with openpyxl's
read-only mode. Both yield (row number as a spreadsheet shows it, list of cell values).
"""

import codecs
import csv
import io
import sys
import warnings
import zipfile
from contextlib import contextmanager

from django.utils.translation import gettext_lazy as _

from .messages import Message

_SNIFF_BYTES = 64 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
_DELIMITERS = (",", "\t", ";")

# A spreadsheet cell holds at most 32,767 characters; leave room for quoting.
csv.field_size_limit(min(sys.maxsize, 1 << 20))


class FileProblem(Exception):
    """The file as a whole cannot be read; `row` is where reading stopped, if known."""

    def __init__(self, message, row=None, **params):
        super().__init__(str(message))
        if row is not None:
            params["row"] = row
        self.message = Message(message, params)
        self.row = row


@contextmanager
def open_table(binary):
    """Yield an iterator of (row number, cells) over a binary file object of CSV or XLSX."""
    head = binary.read(_SNIFF_BYTES)
    binary.seek(0)
    if not head.strip():
        raise FileProblem(_("The file is empty."))
    if head.startswith(_OLE_MAGIC):
        raise FileProblem(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or as CSV.")
        )
    if head.startswith(_XLSX_MAGIC):
        with _xlsx_rows(binary) as rows:
            yield rows
        return
    yield _csv_rows(binary, head)


@contextmanager
def _xlsx_rows(binary):
    from openpyxl import load_workbook

    try:
        # Styles and extensions the reader does not need (data validation, conditional
        # formats) only produce warnings; the cell values are what matters.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    try:
        if not workbook.worksheets:
            raise FileProblem(_("The workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the sheet; read until the data ends instead.
        sheet.reset_dimensions()
        yield _sheet_rows(sheet)
    finally:
        workbook.close()


def _sheet_rows(sheet):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, [value.strip() if isinstance(value, str) else value for value in values]


def _encoding(head):
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # UTF-16 without a mark: every other byte of ASCII text is zero.
    sample = head[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    return "utf-8"


def _delimiter(first_line):
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(binary, head):
    encoding = _encoding(head)
    sample = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    reader = csv.reader(_lines(binary, encoding), delimiter=_delimiter(first_line))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [cell.strip() for cell in record]
    except csv.Error as exc:
        raise FileProblem(
            _("Row %(row)s could not be read as CSV: %(reason)s."),
            row=number + 1,
            reason=str(exc),
        ) from exc


def _lines(binary, encoding):
    """Decoded lines; a line that is not valid UTF-8 is reported by its number."""
    if encoding.startswith("utf-16"):
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        try:
            yield from text
        except UnicodeDecodeError as exc:
            raise FileProblem(_("The file is not valid UTF-16 text.")) from exc
        finally:
            # The wrapper must not close the caller's file when it is collected.
            text.detach()
        return
    for number, line in enumerate(binary, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileProblem(
                _(
                    "The file is not UTF-8 text (the problem starts near row %(row)s). In "
                    "Excel, save it as “CSV UTF-8” or as an Excel workbook (.xlsx)."
                ),
                row=number,
            ) from exc
        yield text.lstrip("\ufeff") if number == 1 else text
