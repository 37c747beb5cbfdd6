"""A corpus of hostile import files: each case builds its file, small on disk, in the test's own
folder, and says what the portal must answer. `test_hostile_corpus.py` sends every case through
the real pages (upload, check, commit) and asserts no server error and no partial write.

To add a case, append a `Case` to CASES: a name, the importer it is sent to (a key of
TARGETS in test_hostile_corpus.py: "replications", "budget", "pourashavas", "registry"), a
`build(folder, world)` that writes the file and returns its path, and what the check must say:
`refused`, a fragment of the English report ("" for any refusal), or None when the file may
also be accepted, and is then written whole. `world` holds what a file may refer to: the
upazila of Savar and two of its unions, the practice; the registry's uploads are for union UN1.
The builders below write CSV as a text editor would (`csv_file`: cells joined with commas,
no quotes) and .xlsx as Excel does (`xlsx_file`: texts in the shared strings), with parts that
may expand to any size while staying small on disk (`Part`, `write_zip`).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

# --- writing files -----------------------------------------------------------------------


def csv_file(path, lines):
    """A CSV written line by line as given: a list of cells is joined with commas unquoted
    (as people type lists in a text editor); a string is written as it is."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write((line if isinstance(line, str) else ",".join(map(str, line))) + "\r\n")
    return path


@dataclass
class Part:
    """A part of a zip archive: `head`, then `repeat` written `times` times, then `tail`. The
    repeated bytes are compressed once, however many times they repeat, so a part can expand to
    gigabytes from a file of a few kilobytes."""

    name: str
    head: bytes = b""
    repeat: bytes = b""
    times: int = 0
    tail: bytes = b""

    @property
    def size(self):
        return len(self.head) + len(self.repeat) * self.times + len(self.tail)

    def deflated(self):
        """The part's raw deflate stream and its CRC-32."""
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        out = [compressor.compress(self.head), compressor.flush(zlib.Z_FULL_FLUSH)]
        crc = zlib.crc32(self.head)
        if self.times:
            # After a full flush the compressor starts afresh: the same input block gives the
            # same output block, which can be repeated as it is.
            per_block = max(1, (1 << 20) // len(self.repeat))
            blocks, rest = divmod(self.times, per_block)
            block = self.repeat * per_block
            if blocks:
                compressed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
                out.append(compressed * blocks)
                block_crc = crc
                for _ in range(blocks):
                    block_crc = zlib.crc32(block, block_crc)
                crc = block_crc
            remainder = self.repeat * rest
            out += [compressor.compress(remainder), compressor.flush(zlib.Z_FULL_FLUSH)]
            crc = zlib.crc32(remainder, crc)
        out += [compressor.compress(self.tail), compressor.flush()]
        crc = zlib.crc32(self.tail, crc)
        return b"".join(out), crc


def write_zip(path, parts):
    """A zip archive of deflated parts, written by hand (so parts can repeat)."""
    path = Path(path)
    directory = []
    with open(path, "wb") as handle:
        for part in parts:
            data, crc = part.deflated()
            name = part.name.encode()
            offset = handle.tell()
            # Version 2.0, no flags, deflate, 1 January 1980.
            fields = (20, 0, 8, 0, 0x21, crc, len(data), part.size, len(name), 0)
            handle.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + name)
            handle.write(data)
            directory.append((fields, name, offset))
        start = handle.tell()
        for fields, name, offset in directory:
            handle.write(
                b"PK\x01\x02"
                + struct.pack("<H", 20)
                + struct.pack("<HHHHHIIIHH", *fields)
                + struct.pack("<HHHII", 0, 0, 0, 0, offset)
                + name
            )
        size = handle.tell() - start
        count = len(directory)
        handle.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, size, start, 0))
    return path


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_file(
    path,
    rows,
    *,
    row_numbers=None,
    more_strings=0,
    sheet_padding=0,
    styles_padding=0,
    extra_parts=(),
):
    """An .xlsx as Excel writes it: texts in the shared strings part, numbers as numbers.

    `row_numbers`: the number each row carries (default 1, 2, 3…); `more_strings`: that many
    more shared strings, unused; `sheet_padding`/`styles_padding`: that many bytes of
    whitespace inside the worksheet/the styles (both still valid XML); `extra_parts`: more
    `Part`s.
    """
    strings, index = [], {}
    sheet_rows = []
    for position, cells in enumerate(rows):
        number = row_numbers[position] if row_numbers else position + 1
        xml_cells = []
        for column, value in enumerate(cells):
            ref = f"{get_column_letter(column + 1)}{number}"
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                text = str(value)
                if text not in index:
                    index[text] = len(strings)
                    strings.append(text)
                xml_cells.append(f'<c r="{ref}" t="s"><v>{index[text]}</v></c>')
            else:
                xml_cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        sheet_rows.append(f'<row r="{number}">{"".join(xml_cells)}</row>')
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    count = len(strings) + more_strings
    parts = [
        Part(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" '
                f'ContentType="{_TYPES}.worksheet+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" '
                f'ContentType="{_TYPES}.sharedStrings+xml"/>'
                f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.styles+xml"/>'
                "</Types>"
            ).encode(),
        ),
        Part(
            "_rels/.rels",
            (
                f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ).encode(),
        ),
        Part(
            "xl/workbook.xml",
            (
                f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets>'
                '<sheet name="তালিকা" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ).encode(),
        ),
        Part(
            "xl/_rels/workbook.xml.rels",
            (
                f'<Relationships xmlns="{_RELS}">'
                f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" '
                'Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{_DOC_RELS}/sharedStrings" '
                'Target="sharedStrings.xml"/>'
                f'<Relationship Id="rId3" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ).encode(),
        ),
        Part(
            "xl/styles.xml",
            f'<styleSheet xmlns="{_MAIN}">'.encode(),
            b" ",
            styles_padding,
            b"</styleSheet>",
        ),
        Part(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{_MAIN}" count="{count}" uniqueCount="{count}">{shared}'.encode(),
            b"<si><t>x</t></si>",
            more_strings,
            b"</sst>",
        ),
        Part(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(sheet_rows)}'.encode(),
            b" ",
            sheet_padding,
            b"</sheetData></worksheet>",
        ),
        *extra_parts,
    ]
    return write_zip(path, parts)


# --- the cases ---------------------------------------------------------------------------

GiB = 1024 * 1024 * 1024
MiB = 1024 * 1024

REPLICATIONS_HEADER = [
    "District",
    "Upazila",
    "Union",
    "Status",
    "Start date",
    "End date",
    "Fiscal year",
    "Households reached",
]
BUDGET_HEADER = ["District", "Upazila", "Union", "Fiscal year", "Allocated (BDT)", "Spent (BDT)"]
POURASHAVA_HEADER = ["district", "upazila", "name_bn", "name_en"]
REGISTRY_HEADER = [
    "খানা নং",
    "ওয়ার্ড নং",
    "গ্রাম",
    "নাম",
    "লিঙ্গ",
    "জন্ম তারিখ",
    "খানা প্রধানের সাথে সম্পর্ক",
]


@dataclass(frozen=True)
class Case:
    """A hostile file and what the portal must answer to it."""

    name: str
    target: str  # a key of TARGETS in test_hostile_corpus.py
    build: Callable[[Path, object], Path]
    refused: str | None  # in the English report ("": any refusal); None: may be accepted whole
    settings: dict = field(default_factory=dict)  # settings for this case only


def _replication(world, *cells):
    return ["Dhaka", "Savar", world.unions[0].name_en, *cells]


# A union's list with identity numbers (made up: a 17-digit one begins with the year of birth).
REGISTRY_ID_HEADER = [*REGISTRY_HEADER, "এনআইডি নং"]
_HEAD = ["খ-০০১", "৩", "উত্তরপাড়া", "রহিমা খাতুন", "মহিলা", "09/03/1985", "খানা প্রধান", ""]


def _member(name, *, code="খ-০০১", village="উত্তরপাড়া", sex="পুরুষ", born="", relation="বাবা", nid=""):
    return [code, "৩", village, name, sex, born, relation, nid]


def _union_list(*rows):
    """A builder of the union's list (CSV) of `rows`, under the header with identity numbers."""
    return lambda folder, world: csv_file(folder / "তালিকা.csv", [REGISTRY_ID_HEADER, *rows])


CASES = [
    Case(
        "lakh-amount-without-quotes",
        "budget",
        lambda folder, world: csv_file(
            folder / "budget.csv",
            [BUDGET_HEADER, _replication(world, "2019-20", "12,34,567", "5000")],
        ),
        refused="Row 2 has 8 cells, but the header row has 6.",
    ),
    Case(
        "lakh-amount-without-quotes-in-the-last-column",
        "budget",
        lambda folder, world: csv_file(
            folder / "budget.csv",
            [BUDGET_HEADER[:5], _replication(world, "2019-20", "12,34,567")],
        ),
        refused="a cell at each comma",
    ),
    Case(
        "households-with-a-thousands-comma-without-quotes",
        "replications",
        lambda folder, world: csv_file(
            folder / "replications.csv",
            [REPLICATIONS_HEADER, _replication(world, "Completed", "", "", "2019-20", "1,200")],
        ),
        refused="Row 2 has 9 cells, but the header row has 8.",
    ),
    Case(
        "a-value-right-of-the-last-header-in-a-workbook",
        "replications",
        lambda folder, world: xlsx_file(
            folder / "replications.xlsx",
            [REPLICATIONS_HEADER, [*_replication(world, "Completed"), "", "", "", 1200, 55]],
        ),
        refused="Row 2 has a value in column I, right of the last column with a header (H).",
    ),
    Case(
        "excel-trailing-empty-cells",
        "replications",
        lambda folder, world: csv_file(
            folder / "replications.csv",
            [
                [*REPLICATIONS_HEADER, "", ""],
                [*_replication(world, "Completed", "", "", "2019-20", "1200"), "", ""],
            ],
        ),
        refused=None,
    ),
    Case(
        "twenty-digit-households",
        "replications",
        lambda folder, world: csv_file(
            folder / "replications.csv",
            [
                REPLICATIONS_HEADER,
                _replication(world, "Completed", "", "", "2019-20", "12345678901234567890"),
            ],
        ),
        refused="the largest number that can be stored is about 214 crore",
    ),
    Case(
        "households-as-a-huge-excel-number",
        "replications",
        lambda folder, world: xlsx_file(
            folder / "replications.xlsx",
            [REPLICATIONS_HEADER, [*_replication(world, "Completed", "", "", "2019-20"), 1e19]],
        ),
        refused="the largest number that can be stored",
    ),
    Case(
        "replication-starting-in-year-one",
        "replications",
        lambda folder, world: csv_file(
            folder / "replications.csv",
            [REPLICATIONS_HEADER, _replication(world, "Completed", "0001-01-01", "", "", "")],
        ),
        refused="“0001-01-01” is before 01/01/1900.",
    ),
    Case(
        "birth-date-0001-01-01",
        "registry",
        lambda folder, world: csv_file(
            folder / "তালিকা.csv",
            [
                REGISTRY_HEADER,
                ["খ-০০১", "৩", "উত্তরপাড়া", "রহিমা খাতুন", "মহিলা", "1985-03-09", "খানা প্রধান"],
                ["খ-০০১", "৩", "উত্তরপাড়া", "করিম মিয়া", "পুরুষ", "0001-01-01", "বাবা"],
            ],
        ),
        refused="“0001-01-01” is before 01/01/1900.",
    ),
    Case(
        "shifted-row-missing-its-ward",
        "registry",
        lambda folder, world: csv_file(
            folder / "তালিকা.csv",
            [
                REGISTRY_HEADER,
                ["খ-০০১", "৩", "উত্তরপাড়া", "রহিমা খাতুন", "মহিলা", "09/03/1985", "খানা প্রধান"],
                ["খ-০০১", "উত্তরপাড়া", "করিম মিয়া", "পুরুষ", "01/01/1948", "বাবা"],
            ],
        ),
        refused="",
    ),
    Case(
        "excel-stripped-leading-zeros",
        "registry",
        lambda folder, world: xlsx_file(
            folder / "তালিকা.xlsx",
            [
                REGISTRY_HEADER,
                [7, 3, "উত্তরপাড়া", "রহিমা খাতুন", "মহিলা", "09/03/1985", "খানা প্রধান"],
                [8, 3, "উত্তরপাড়া", "সালমা আক্তার", "মহিলা", "15/08/2001", "খানা প্রধান"],
            ],
        ),
        refused=None,
    ),
    Case(
        "five-million-shared-strings",
        "pourashavas",
        lambda folder, world: xlsx_file(
            folder / "pourashavas.xlsx",
            [POURASHAVA_HEADER, ["", world.upazila.code, "নতুন নগর", "New Town"]],
            more_strings=5_000_000,
        ),
        refused="more than 10,00,000 different texts",
    ),
    Case(
        "zip-bomb-worksheet",
        "pourashavas",
        lambda folder, world: xlsx_file(
            folder / "pourashavas.xlsx",
            [POURASHAVA_HEADER, ["", world.upazila.code, "নতুন নগর", "New Town"]],
            sheet_padding=GiB + MiB,
        ),
        refused="The workbook expands to more than 1,024 MB",
    ),
    Case(
        "styles-part-of-a-hundred-megabytes",
        "pourashavas",
        lambda folder, world: xlsx_file(
            folder / "pourashavas.xlsx",
            [POURASHAVA_HEADER, ["", world.upazila.code, "নতুন নগর", "New Town"]],
            styles_padding=100 * MiB,
        ),
        refused="The workbook expands to more than",
    ),
    Case(
        "twenty-thousand-parts",
        "pourashavas",
        lambda folder, world: xlsx_file(
            folder / "pourashavas.xlsx",
            [POURASHAVA_HEADER, ["", world.upazila.code, "নতুন নগর", "New Town"]],
            extra_parts=[Part(f"xl/media/{number}.bin", b"0") for number in range(20_000)],
        ),
        refused="The workbook expands to more than",
    ),
    Case(
        "last-row-numbered-five-million",
        "pourashavas",
        lambda folder, world: xlsx_file(
            folder / "pourashavas.xlsx",
            [
                POURASHAVA_HEADER,
                ["", world.upazila.code, "নতুন নগর", "New Town"],
                ["", world.upazila.code, "আরেক নগর", "Other Town"],
            ],
            row_numbers=[1, 2, 5_000_000],
        ),
        refused="more than 10,48,576 rows",
    ),
    Case(
        "one-line-of-twenty-megabytes",
        "pourashavas",
        lambda folder, world: csv_file(
            folder / "pourashavas.csv",
            [POURASHAVA_HEADER, "," * (20 * MiB)],
        ),
        refused="Line 2 of the file is longer than 16 MB",
    ),
    Case(
        "identity-number-slipped-into-the-name",
        "registry",
        _union_list(
            _HEAD,
            # A cell typed twice: from the name on, every cell one to the right.
            ["খ-০০১", "৩", "উত্তরপাড়া", "", "19790412385617402", "পুরুষ", "01/01/1979", "বাবা"],
        ),
        refused="holds a number as long as an identity number",
    ),
    Case(
        "identity-number-in-the-village",
        "registry",
        _union_list(_HEAD, _member("করিম মিয়া", village="১৯৭৯ ০৪১২ ৩৮৫৬ ১৭৪০২")),
        refused="holds a number as long as an identity number",
    ),
    Case(
        "identity-number-as-the-household-code-in-a-workbook",
        "registry",
        lambda folder, world: xlsx_file(
            folder / "তালিকা.xlsx",
            [REGISTRY_ID_HEADER, [4715093862, 3, "উত্তরপাড়া", "রহিমা খাতুন", "মহিলা"]],
        ),
        refused="holds a number as long as an identity number",
    ),
    Case(
        "placeholder-identity-number-of-zeros",
        "registry",
        _union_list(_HEAD, _member("করিম মিয়া", nid="0000000000")),
        refused="is a placeholder, not anyone's identity number",
    ),
    Case(
        "placeholder-identity-number-counting-up",
        "registry",
        _union_list(_HEAD, _member("করিম মিয়া", nid="১২৩৪৫৬৭৮৯০")),
        refused="is a placeholder, not anyone's identity number",
    ),
    Case(
        "placeholder-identity-number-of-seventeen-digits",
        "registry",
        _union_list(_HEAD, _member("করিম মিয়া", nid="98765432109876543")),
        refused="is a placeholder, not anyone's identity number",
    ),
    Case(
        "birth-date-in-the-future",
        "registry",
        _union_list(_HEAD, _member("করিম মিয়া", born="01/01/2999")),
        refused="“01/01/2999” is after ",
    ),
    Case(
        "father-and-son-of-one-name-without-birth-dates",
        "registry",
        _union_list(
            _HEAD,
            _member("করিম মিয়া"),
            _member("করিম মিয়া", relation="ছেলে", nid="4715093862"),
        ),
        refused=None,
    ),
    Case(
        "household-codes-of-mixed-length",
        "registry",
        _union_list(
            _member("রহিমা খাতুন", code="9", sex="মহিলা", relation="খানা প্রধান"),
            _member("সালমা আক্তার", code="010", sex="মহিলা", relation="খানা প্রধান"),
        ),
        refused=None,
    ),
]
