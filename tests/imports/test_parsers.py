"""Every parser's refusal reaches the user as (row, column as written in the file, a reason
naming the bad value), in Bangla and in English."""

import datetime
from decimal import Decimal

import pytest

from .conftest import checked

HEADER = [
    "উপজেলা",
    "ইউনিয়ন",
    "খানা",
    "বরাদ্দ",
    "ব্যয়",
    "তারিখ",
    "স্তর",
    "অর্থবছর",
    "প্রতিবন্ধিতা",
    "মন্তব্য",
]
GOOD = [
    "সাভার",
    "আশুলিয়া",
    "১২০",
    "৫০,০০০",
    "৪০,০০০",
    "০১/০৭/২০২৩",
    "ইউনিয়ন",
    "২০২৩-২৪",
    "হ্যাঁ",
    "ঠিক আছে",
]


def row_with(**changes):
    row = dict(zip(HEADER, GOOD, strict=True))
    row.update(changes)
    return [row[name] for name in HEADER]


@pytest.mark.django_db
def test_bangla_headers_and_bangla_digits_are_read(csv_file, curator, survey_importer):
    job = checked(csv_file([HEADER, GOOD]), survey_importer.kind, curator)

    assert job.status == job.Status.VALID, job.report
    preview = job.report["preview"][0]
    assert preview["row"] == 2
    by_column = dict(zip([c["name"] for c in job.report["columns"]], preview["cells"], strict=True))
    assert by_column["union"] == {"bn": "আশুলিয়া", "en": "Ashulia"}
    assert by_column["households"] == {"bn": "১২০", "en": "120"}
    assert by_column["allocated"] == {"bn": "৫০,০০০", "en": "50,000"}
    assert by_column["visited"] == {"bn": "০১/০৭/২০২৩", "en": "01/07/2023"}
    assert by_column["level"] == {"bn": "ইউনিয়ন", "en": "Union"}
    assert by_column["fiscal_year"] == {"bn": "২০২৩-২৪", "en": "2023-24"}
    assert by_column["disabled"] == {"bn": "হ্যাঁ", "en": "Yes"}


@pytest.mark.django_db
def test_english_headers_in_any_case_spacing_and_order(csv_file, curator, survey_importer):
    header = ["  FISCAL-YEAR ", "households", "Union", "upazila", "Allocated (Tk)", "spent"]
    rows = [header, ["2023-2024", "1,20,000", "Ashulia", "Savar", "12,34,567.50", "Tk 500"]]
    job = checked(csv_file(rows), survey_importer.kind, curator)

    # "Allocated (Tk)" is not a name of the column: it is listed as not used.
    assert job.status == job.Status.VALID, job.report
    assert job.report["ignored"] == ["Allocated (Tk)"]
    assert [c["name"] for c in job.report["columns"]] == [
        "upazila",
        "union",
        "households",
        "spent",
        "fiscal_year",
    ]
    assert job.report["preview"][0]["cells"][2] == {"bn": "১,২০,০০০", "en": "1,20,000"}


REFUSALS = [
    # (header as in the file, bad value, what the English reason says)
    ("খানা", "১২ক", "“১২ক” is not a whole number."),
    ("খানা", "-5", "“-5” is less than 0."),
    ("খানা", "12.5", "“12.5” is not a whole number."),
    ("বরাদ্দ", "12,3,4", "“12,3,4” is not an amount"),
    ("বরাদ্দ", "-500", "“-500” is negative"),
    ("বরাদ্দ", "10.555", "“10.555” has more than 2 decimal places."),
    ("তারিখ", "৩১/০২/২০২৪", "“৩১/০২/২০২৪” is not a date"),
    ("তারিখ", "2024/31/01", "“2024/31/01” is not a date"),
    ("তারিখ", "01/01/2999", "“01/01/2999” is after"),
    ("স্তর", "village", "“village” is not one of: Division, District, Upazila, Union, Pourashava."),
    ("অর্থবছর", "2023-25", "“2023-25” is not a fiscal year"),
    ("অর্থবছর", "২০০১-০২", "“২০০১-০২” is outside the fiscal years 2007-08 to"),
    ("অর্থবছর", "2023", "“2023” is not a fiscal year: write it as 2023-24."),
    ("প্রতিবন্ধিতা", "maybe", "“maybe” is not yes or no"),
    ("মন্তব্য", "এই মন্তব্যটি বিশ অক্ষরের চেয়ে অনেক বেশি লম্বা", "is too long: at most 20 characters"),
    ("ইউনিয়ন", "Nowhere", "There is no union “Nowhere” in Savar."),
    ("উপজেলা", "Kaliganj", "“Kaliganj” is the name of 4 places"),
    ("ইউনিয়ন", "", "The cell is empty, but “ইউনিয়ন” is required."),
    ("ব্যয়", "৬০,০০০", "Spent 60,000 is more than allocated 50,000."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("header", "value", "reason"), REFUSALS)
def test_a_refused_cell_is_reported_with_its_row_column_and_value(
    csv_file, curator, survey_importer, header, value, reason
):
    rows = [HEADER, GOOD, [""] * len(HEADER), row_with(**{header: value})]
    rows[1] = row_with(**{"ইউনিয়ন": "বিরুলিয়া"})
    job = checked(csv_file(rows), survey_importer.kind, curator)

    assert job.status == job.Status.INVALID
    # Row 3 is blank and skipped, so the bad row is row 4 as the spreadsheet shows it; one
    # error only (a union is not looked for in an upazila that could not be found).
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(4, header)]
    message = job.report["errors"][0]["message"]
    assert reason in message["en"]
    assert message["bn"] != message["en"]


@pytest.mark.django_db
def test_bangla_reasons_are_in_bangla(csv_file, curator, survey_importer):
    rows = [HEADER, row_with(**{"খানা": "১২ক", "তারিখ": "৩১/০২/২০২৪", "অর্থবছর": "২০২৩-২৫"})]
    job = checked(csv_file(rows), survey_importer.kind, curator)

    reasons = [error["message"]["bn"] for error in job.report["errors"]]
    assert reasons == [
        "“১২ক” পূর্ণসংখ্যা নয়।",
        "“৩১/০২/২০২৪” তারিখ নয়: দিন/মাস/বছর (DD/MM/YYYY) অথবা YYYY-MM-DD আকারে লিখুন।",
        "“২০২৩-২৫” অর্থবছর নয়: অর্থবছর এক বছরের জুলাই থেকে পরের বছরের জুন পর্যন্ত, যেমন ২০২৩-২৪।",
    ]


@pytest.mark.django_db
def test_the_same_key_twice_in_a_file_is_refused_naming_the_first_row(
    csv_file, curator, survey_importer
):
    rows = [HEADER, GOOD, row_with(**{"ইউনিয়ন": "বিরুলিয়া"}), GOOD]
    job = checked(csv_file(rows), survey_importer.kind, curator)

    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(4, "ইউনিয়ন")]
    assert job.report["errors"][0]["message"]["en"] == "This row repeats row 2: the same Union."


@pytest.mark.django_db
def test_areas_are_found_by_code_key_bangla_or_english_name(csv_file, curator, survey_importer):
    from places.models import Area

    ashulia = Area.objects.get(level="union", name_en="Ashulia")
    rows = [
        ["Upazila", "Union"],
        ["BD30260072", "ashulia"],
        ["৩০২৬০০৭২", ashulia.key],
        ["Savar Upazila", "আশুলিয়া ইউনিয়ন"],
        ["সাভার", "Ashulia Union Parishad"],
    ]
    job = checked(csv_file(rows), survey_importer.kind, curator)

    # Every row names the same union, so rows 3–5 repeat row 2: all four were found.
    assert [e["row"] for e in job.report["errors"]] == [3, 4, 5]
    assert all("repeats row 2" in e["message"]["en"] for e in job.report["errors"])
    assert job.report["preview"][0]["cells"][:2] == [
        {"bn": "সাভার", "en": "Savar"},
        {"bn": "আশুলিয়া", "en": "Ashulia"},
    ]


@pytest.mark.django_db
def test_native_excel_cells_read_like_typed_text(csv_file, xlsx_file, curator, survey_importer):
    typed = [HEADER, GOOD]
    native = [
        HEADER,
        [
            "সাভার",
            "আশুলিয়া",
            120,
            50000,
            40000.0,
            datetime.datetime(2023, 7, 1),
            "ইউনিয়ন",
            "2023-24",
            True,
            "ঠিক আছে",
        ],
    ]
    from_csv = checked(csv_file(typed), survey_importer.kind, curator)
    from_xlsx = checked(xlsx_file(native), survey_importer.kind, curator)

    assert from_xlsx.status == from_xlsx.Status.VALID, from_xlsx.report
    assert from_xlsx.report["preview"] == from_csv.report["preview"]


def test_amounts_keep_paisa_and_round_excel_float_noise():
    from imports.parsers import amount

    parser = amount()
    assert parser.parse("১২,৩৪,৫৬৭.৫০", None, None) == Decimal("1234567.50")
    assert parser.parse("৳৫০০/-", None, None) == Decimal("500.00")
    assert parser.parse(1234.5600000000001, None, None) == Decimal("1234.56")
