"""Hostile registry lists: each case writes a union's list (and, when it needs one, the list the
registry held before), and says what the portal must answer. `test_hostile_lists.py` sends
every case through the real pages (upload on /registry/imports/, the job's page, its error
file, the commit) and asserts no server error, no partial write, and no identity number in
clear anywhere.

The import framework's corpus (`tests/imports/hostile.py`) holds the lists that need no
registry behind them; this one, built the same way, adds what only the registry can check: a
registry that already holds a list (`before`), the warning on the job's page (`warned`), the
registry afterwards (`then`), and every page, table and file searched for identity numbers.
To add a case, append a `Case` to CASES: its name, `build(folder)` writing the file and
returning its path, what the check must say (`refused`: a fragment of the English message;
None when the file is accepted, then it must be written whole), and the optional three.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "খানা নং",
    "ওয়ার্ড নং",
    "গ্রাম",
    "নাম",
    "লিঙ্গ",
    "জন্ম তারিখ",
    "খানা প্রধানের সাথে সম্পর্ক",
    "এনআইডি নং",
    "কর্মসূচি",
    "অর্থবছর",
    "টাকার পরিমাণ",
]
# Made-up numbers of a valid shape (a 17-digit one begins with its holder's year of birth).
NID_17 = "19790412385617402"
NID_17_BN = "১৯৭৯০৪১২৩৮৫৬১৭৪০২"
NID_10 = "4715093862"
NUMBERS = (NID_17, NID_17_BN, NID_10)


def row(
    code,
    name,
    *,
    ward="৩",
    village="উত্তরপাড়া",
    sex="মহিলা",
    born="",
    relation="খানা প্রধান",
    nid="",
    programme="",
    year="",
    amount="",
):
    return [code, ward, village, name, sex, born, relation, nid, programme, year, amount]


def csv_list(path, rows, header=HEADER):
    """A CSV as a text editor writes it: cells joined with commas, unquoted."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerows([header, *rows])
    return path


def xlsx_list(path, rows, header=HEADER):
    """A workbook as Excel saves it: codes typed as 007 are the numbers they look like."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("তালিকা")
    for line in [header, *rows]:
        sheet.append(list(line))
    workbook.save(path)
    return Path(path)


def shifted_right(cells):
    """A row whose cells moved one to the right from the name on (a cell typed twice)."""
    return [*cells[:3], "", *cells[3:-1]]


def shifted_left(cells):
    """A row whose household code went missing: every cell one to the left."""
    return [*cells[1:], ""]


def next_year():
    today = datetime.date.today()
    return f"01/01/{today.year + 1}"


@dataclass(frozen=True)
class Case:
    """A hostile list and what the portal must answer to it."""

    name: str
    build: Callable[[Path], Path]
    refused: str | None
    before: Callable[[Path], Path] | None = None
    warned: str | None = None
    then: Callable[[], None] | None = None


def _two_karims():
    from registry.models import DuplicateFlag, FlagKind, Person, Relation

    karims = Person.objects.filter(name_bn="করিম মিয়া").order_by("pk")
    assert [(p.relation, p.id_last3) for p in karims] == [
        (Relation.FATHER, ""),
        (Relation.SON, NID_10[-3:]),
    ], "the son is a new person; his father is as he was"
    assert DuplicateFlag.objects.filter(kind=FlagKind.SAME_NAME).count() == 1


def _stripped_codes_added():
    from registry.models import Household

    assert sorted(Household.objects.values_list("code", flat=True)) == ["007", "008", "7", "8"]


GOOD = [
    row("007", "রহিমা খাতুন", born="০৯/০৩/১৯৮৫"),
    row("008", "সালমা আক্তার", born="১৫/০৮/১৯৯১", ward="৪", village="দক্ষিণপাড়া"),
]

CASES = [
    Case(
        "identity-number-shifted-into-the-name",
        lambda folder: csv_list(
            folder / "তালিকা.csv",
            [GOOD[0], shifted_right(row("০০৯", NID_17, born="০১/০১/১৯৭৯", relation="বাবা"))],
        ),
        refused="holds a number as long as an identity number",
    ),
    Case(
        "identity-number-shifted-into-the-village",
        lambda folder: csv_list(
            folder / "তালিকা.csv",
            [GOOD[0], row("০০৯", "করিম মিয়া", village=NID_17_BN, sex="পুরুষ")],
        ),
        refused="holds a number as long as an identity number",
    ),
    Case(
        "row-missing-its-household-code",
        lambda folder: csv_list(
            folder / "তালিকা.csv",
            [GOOD[0], shifted_left(row("০০৯", "করিম", born="01/01/1979", nid=NID_17))],
        ),
        refused="",
    ),
    Case(
        "identity-number-as-the-household-code-in-a-workbook",
        lambda folder: xlsx_list(folder / "list.xlsx", [row(int(NID_10), "রহিমা খাতুন")]),
        refused="holds a number as long as an identity number",
    ),
    *(
        Case(
            f"placeholder-{name}",
            lambda folder, rows=rows, nid=nid: csv_list(
                folder / "তালিকা.csv", [*rows, row("০০৯", "করিম", nid=nid)]
            ),
            refused="is a placeholder, not anyone's identity number",
        )
        for name, nid, rows in (
            ("zeros", "0000000000", GOOD[:1]),
            ("in-bangla-digits", "১১১১১১১১১১১১১", []),
            ("counting-up", "1234567890", []),
            ("of-seventeen-digits", "98765432109876543", []),
        )
    ),
    Case(
        "birth-date-0001-01-01",
        lambda folder: csv_list(
            folder / "তালিকা.csv", [GOOD[0], row("০০৯", "করিম", born="0001-01-01")]
        ),
        refused="“0001-01-01” is before 01/01/1900.",
    ),
    Case(
        "birth-date-in-the-future",
        lambda folder: csv_list(folder / "তালিকা.csv", [row("০০৯", "করিম", born=next_year())]),
        refused=" is after ",
    ),
    Case(
        "excel-stripped-leading-zeros",
        lambda folder: xlsx_list(
            folder / "list.xlsx",
            [row(7, "রহিমা খাতুন", born="০৯/০৩/১৯৮৫"), row(8, "সালমা আক্তার", ward="৪")],
        ),
        refused=None,
        before=lambda folder: csv_list(folder / "আগের.csv", GOOD),
        warned="household code “7” is not in the registry, but “007” is",
        then=_stripped_codes_added,
    ),
    Case(
        "stripped-code-of-mixed-length",
        lambda folder: csv_list(
            folder / "তালিকা.csv", [row("9", "ক"), row("010", "খ"), row("11", "গ")]
        ),
        refused=None,
        warned="household code “9” is shorter than “010” in row 3 of this file",
    ),
    Case(
        "stripped-code-that-would-merge-two-households",
        lambda folder: xlsx_list(folder / "list.xlsx", [row(7, "রহিমা খাতুন")]),
        refused="Imported, the row would put the two households together.",
        before=lambda folder: csv_list(
            folder / "আগের.csv", [GOOD[0], row("7", "জামাল", ward="৫", village="মধ্যপাড়া")]
        ),
    ),
    Case(
        "father-and-son-without-birth-dates",
        lambda folder: csv_list(
            folder / "তালিকা.csv",
            [
                GOOD[0],
                row("007", "করিম মিয়া", sex="পুরুষ", relation="ছেলে", nid=NID_10),
            ],
        ),
        refused=None,
        before=lambda folder: csv_list(
            folder / "আগের.csv",
            [GOOD[0], row("007", "করিম মিয়া", sex="পুরুষ", relation="বাবা")],
        ),
        then=_two_karims,
    ),
]
