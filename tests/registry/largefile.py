"""Union lists of any length, written row by row into a file (never held in memory)."""

import csv
import datetime

PERSON_HEADER = [
    "Household code",
    "Ward",
    "Village or para",
    "Name (Bangla)",
    "Sex",
    "Date of birth",
    "Relation to the head",
    "Identity number",
    "Programme",
    "Fiscal year",
    "Amount (BDT)",
]
MEMBERS = [
    ("head", "male", 1960),
    ("spouse", "female", 1965),
    ("son", "male", 1990),
    ("daughter", "female", 1995),
]


def person_rows(count, programme="old-age-allowance", first_household=0):
    """Rows of person + benefit, four members a household, the first two with an NID."""
    for index in range(count):
        household, member = divmod(index, len(MEMBERS))
        household += first_household
        relation, sex, year = MEMBERS[member]
        born = datetime.date(year, 1 + household % 12, 1 + household % 28)
        yield [
            f"H{household:07d}",
            1 + household % 9,
            "পাড়া",
            f"নাম {household} {member}",
            sex,
            born.strftime("%d/%m/%Y"),
            relation,
            f"{year}{household:013d}" if member < 2 else "",
            programme,
            "2023-24",
            "7200",
        ]


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
