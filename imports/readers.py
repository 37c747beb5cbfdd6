"""Reading CSV and Excel files row by row, never whole.

CSV: UTF-8 with or without a byte-order mark, or UTF-16 (Excel's "Unicode text"); comma, tab
or semicolon separated. Excel: the first worksheet of an .xlsx workbook, read with openpyxl's
read-only mode. Both yield (row number as a spreadsheet shows it, list of cell values), through
a `Table` that also tells what kind of file it is.

Whatever the file, what reading it may cost is bounded before it starts (the limits below, each
a setting of the same name): no file has more rows than an Excel sheet; a CSV line is read at
most `IMPORTS_MAX_LINE_BYTES` at a time; and an .xlsx, a zip archive whose parts can expand a
thousandfold, is measured from its directory before openpyxl opens it: its parts' expanded
sizes, and the number of shared strings (openpyxl holds every one of them in memory from the
start), counted by streaming the part. A zip bomb or an absurd sharedStrings.xml is refused
with a message, in well under a second and a few megabytes of memory.
"""

import codecs
import csv
import io
import re
import struct
import sys
import warnings
import zipfile
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .messages import Message

# What an Excel sheet holds at most: no list the portal takes is longer, in either format.
MAX_ROWS = 1_048_576
# A CSV line (a row, or one line of a cell spanning several): 100 full Bangla cells fit.
MAX_LINE_BYTES = 16 * 1024 * 1024
# An .xlsx: all its parts expanded; each part openpyxl reads whole (workbook, styles, theme,
# relationships…); the shared strings part, its size and its number of strings (about 150 MB
# of memory in openpyxl at a million); the number of parts.
XLSX_MAX_EXPANDED_BYTES = 1024 * 1024 * 1024
XLSX_MAX_PART_BYTES = 32 * 1024 * 1024
XLSX_MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024
XLSX_MAX_SHARED_STRINGS = 1_000_000
XLSX_MAX_PARTS = 10_000

_SHARED_STRINGS_TYPE = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_OVERRIDE_RE = re.compile(rb"<(?:[\w.-]+:)?Override\b[^>]*>")
_SHARED_STRINGS_ROOT_RE = re.compile(rb"<([\w.-]+:)?sst[\s>/]")
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_OF_DIRECTORY_SIZE = 22

_SNIFF_BYTES = 64 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
_DELIMITERS = (",", "\t", ";")

# A spreadsheet cell holds at most 32,767 characters; leave room for quoting.
csv.field_size_limit(min(sys.maxsize, 1 << 20))


def limit(name):
    """A reading limit: the setting `IMPORTS_<name>`, else this module's default."""
    return getattr(settings, f"IMPORTS_{name}", globals()[name])


def _megabytes(size):
    return max(1, size // (1024 * 1024))


class FileProblem(Exception):
    """The file as a whole cannot be read; `row` is where reading stopped, if known."""

    def __init__(self, message, row=None, **params):
        super().__init__(str(message))
        if row is not None:
            params["row"] = row
        self.message = Message(message, params)
        self.row = row


class Table:
    """The rows of a file, as (row number, cells), and what kind of file they come from:
    `kind` is "csv" or "xlsx", `delimiter` the CSV's separator. Reading stops with a
    FileProblem at the first row past MAX_ROWS."""

    def __init__(self, rows, kind, delimiter=None):
        self.kind = kind
        self.delimiter = delimiter
        self._rows = _at_most(rows, limit("MAX_ROWS"))

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._rows)


def _at_most(rows, most):
    for number, cells in rows:
        if number > most:
            raise FileProblem(
                _(
                    "The file has more than %(limit)s rows, the most an Excel sheet holds. "
                    "Split it into smaller files."
                ),
                row=number,
                limit=most,
            )
        yield number, cells


@contextmanager
def open_table(binary):
    """Yield a Table of (row number, cells) over a binary file object of CSV or XLSX."""
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
            yield Table(rows, "xlsx")
        return
    yield _csv_table(binary, head)


# --- Excel workbooks ---------------------------------------------------------------------


def _too_large_workbook():
    return FileProblem(
        _(
            "The workbook expands to more than %(limit)s MB when opened, more than any list "
            "needs (an .xlsx is compressed). Save it as CSV UTF-8, or split it into smaller "
            "files."
        ),
        limit=_megabytes(limit("XLSX_MAX_EXPANDED_BYTES")),
    )


def _unreadable_workbook():
    return FileProblem(_("The file could not be read as an Excel workbook (.xlsx)."))


def _count_parts(binary):
    """The number of parts the zip's directory announces, read from its last bytes before
    zipfile reads the whole directory into memory (None when there is no such record)."""
    binary.seek(0, io.SEEK_END)
    size = binary.tell()
    tail_size = min(size, _END_OF_DIRECTORY_SIZE + 0xFFFF)
    binary.seek(size - tail_size)
    tail = binary.read(tail_size)
    binary.seek(0)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < _END_OF_DIRECTORY_SIZE:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    # 0xFFFF: the real number is in a ZIP64 record; no workbook needs that many parts.
    return entries


def _shared_strings_part(archive):
    """The name of the shared strings part, found as openpyxl finds it: by its content type."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return None
    if info.file_size > limit("XLSX_MAX_PART_BYTES"):
        raise _too_large_workbook()
    types = archive.read(info)
    for override in _OVERRIDE_RE.findall(types):
        if _SHARED_STRINGS_TYPE in override:
            name = re.search(rb'PartName\s*=\s*["\']/?([^"\']+)', override)
            if name:
                return name[1].decode("utf-8", "replace")
    return None


def _count_shared_strings(archive, name, most):
    """How many strings the part holds, counted while streaming it; stops past `most`."""
    count = 0
    with archive.open(name) as part:
        data = part.read(1 << 20)
        # The tags as this part writes them: <si>, or <x:si> under a prefixed root.
        root = _SHARED_STRINGS_ROOT_RE.search(data[:4096])
        prefix = (root[1] or b"") if root else b""
        tags = [b"<" + prefix + b"si" + end for end in (b">", b"/", b" ", b"\t", b"\r", b"\n")]
        # A tag cut in two at a chunk's end is whole in the next one, which starts with the
        # last bytes of this one: one fewer than a tag, so none is counted twice.
        overlap = len(tags[0]) - 1
        while data:
            count += sum(data.count(tag) for tag in tags)
            if count > most:
                break
            chunk = part.read(1 << 20)
            data = data[-overlap:] + chunk if chunk else b""
    return count


def _check_workbook(binary):
    """Refuse, before openpyxl opens it, a workbook that would take too long or too much
    memory to read. Sizes come from the zip's directory: zipfile never expands a part beyond
    the size the directory gives (it stops there, and the part's checksum then fails)."""
    parts = _count_parts(binary)
    if parts is not None and parts > limit("XLSX_MAX_PARTS"):
        raise _too_large_workbook()
    try:
        with zipfile.ZipFile(binary) as archive:
            count = _measure_workbook(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _unreadable_workbook() from exc
    finally:
        binary.seek(0)
    if count is not None and count > limit("XLSX_MAX_SHARED_STRINGS"):
        raise FileProblem(
            _(
                "The workbook holds more than %(limit)s different texts, more than the portal "
                "reads from an Excel file. Save it as CSV UTF-8 and upload that instead."
            ),
            limit=limit("XLSX_MAX_SHARED_STRINGS"),
        )


def _measure_workbook(archive):
    """Raise if a part is too large; return the number of shared strings (None: no such
    part; past the limit, the count stops)."""
    members = archive.infolist()
    if len(members) > limit("XLSX_MAX_PARTS"):
        raise _too_large_workbook()
    if sum(member.file_size for member in members) > limit("XLSX_MAX_EXPANDED_BYTES"):
        raise _too_large_workbook()
    strings = _shared_strings_part(archive)
    part_limit = limit("XLSX_MAX_PART_BYTES")
    for member in members:
        name = member.filename
        if name == strings or name.startswith("xl/worksheets/"):
            continue  # measured below; the worksheets are streamed row by row
        # The parts openpyxl reads whole (workbook, styles, theme, relationships…).
        if name.endswith((".xml", ".rels")) and member.file_size > part_limit:
            raise _too_large_workbook()
    if strings is None or strings not in archive.NameToInfo:
        return None
    if archive.getinfo(strings).file_size > limit("XLSX_MAX_SHARED_STRINGS_BYTES"):
        raise _too_large_workbook()
    return _count_shared_strings(archive, strings, limit("XLSX_MAX_SHARED_STRINGS"))


@contextmanager
def _xlsx_rows(binary):
    from openpyxl import load_workbook

    _check_workbook(binary)
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


def _csv_table(binary, head):
    encoding = _encoding(head)
    sample = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    delimiter = _delimiter(first_line)
    return Table(_csv_rows(binary, encoding, delimiter), "csv", delimiter)


def _csv_rows(binary, encoding, delimiter):
    reader = csv.reader(_lines(binary, encoding), delimiter=delimiter)
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


def _line_too_long(number):
    return FileProblem(
        _(
            "Line %(row)s of the file is longer than %(limit)s MB: this is not a list of rows. "
            "Check that the file is the list you meant to upload."
        ),
        row=number,
        limit=_megabytes(limit("MAX_LINE_BYTES")),
    )


def _bounded_lines(readline, most):
    """Lines of at most `most` bytes (or characters), however long a line in the file is."""
    number = 0
    while line := readline(most + 1):
        number += 1
        if len(line) > most:
            raise _line_too_long(number)
        yield number, line


def _lines(binary, encoding):
    """Decoded lines; a line that is not valid UTF-8 is reported by its number."""
    most = limit("MAX_LINE_BYTES")
    if encoding.startswith("utf-16"):
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        try:
            for _number, line in _bounded_lines(text.readline, most // 2):
                yield line
        except UnicodeDecodeError as exc:
            raise FileProblem(_("The file is not valid UTF-16 text.")) from exc
        finally:
            # The wrapper must not close the caller's file when it is collected.
            text.detach()
        return
    for number, line in _bounded_lines(binary.readline, most):
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
