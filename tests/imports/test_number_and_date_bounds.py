"""Counts no larger than the database stores, and dates no older than 1900: a value outside
is refused by the check, naming the bound, instead of passing it and breaking the commit (a
count of 20 digits) or being stored as a date nobody was born on (0001-01-01)."""

import datetime

import pytest

from imports import parsers
from imports.base import CellError, ImportContext, Importer, Row

from .conftest import checked, committed, messages

CONTEXT = ImportContext(importer=Importer(), today=datetime.date(2025, 3, 1))


def parse(parser, value):
    return parser.parse(value, Row(2), CONTEXT)


def refusal(parser, value, language="en"):
    with pytest.raises(CellError) as refused:
        parse(parser, value)
    return refused.value.message.render(language)


def test_a_count_is_refused_beyond_what_an_integer_field_stores():
    count = parsers.integer(min_value=0)

    assert parse(count, "2147483647") == parsers.INTEGER_MAX == 2_147_483_647
    assert parse(count, "২,১৪,৭৪,৮৩,৬৪৭") == 2_147_483_647
    assert refusal(count, "2147483648").endswith(
        "is too large: the largest number that can be stored is about 214 crore (2.1 billion)."
    )
    assert refusal(count, "12345678901234567890", "bn").endswith(
        "অনেক বড়: সবচেয়ে বড় যে সংখ্যা রাখা যায় তা প্রায় ২১৪ কোটি।"
    )
    assert "too large" in refusal(count, 1.2345678901234567e19)
    assert "too small" in refusal(parsers.integer(), "-2147483649")
    # Bounds the importer gives are its own, named as before.
    assert refusal(parsers.integer(min_value=1, max_value=9), "12") == "“12” is more than 9."
    assert parse(parsers.integer(max_value=10**12), "999999999999") == 999_999_999_999


def test_a_date_before_1900_is_refused_naming_the_first_date_allowed():
    any_date = parsers.date()

    assert parse(any_date, "01/01/1900") == datetime.date(1900, 1, 1)
    assert refusal(any_date, "0001-01-01") == "“0001-01-01” is before 01/01/1900."
    assert refusal(any_date, "31/12/1899", "bn") == "“31/12/1899” ০১/০১/১৯০০-এর আগের তারিখ।"
    assert refusal(any_date, datetime.datetime(1800, 5, 1)).endswith("is before 01/01/1900.")


def test_min_value_and_max_value_bound_a_birth_date():
    birth = parsers.date(min_value=parsers.EARLIEST_DATE, max_value="today")

    assert parse(birth, "09/03/1985") == datetime.date(1985, 3, 9)
    assert refusal(birth, "0001-01-01") == "“0001-01-01” is before 01/01/1900."
    assert refusal(birth, "02/03/2025") == "“02/03/2025” is after 01/03/2025."
    later = parsers.date(min_value=datetime.date(2007, 1, 1))
    assert refusal(later, "2006-12-31") == "“2006-12-31” is before 01/01/2007."
    # The older names mean the same; both at once must agree.
    assert parse(parsers.date(earliest=datetime.date(2007, 1, 1)), "2007-01-01")
    with pytest.raises(ValueError):
        parsers.date(earliest=datetime.date(2007, 1, 1), min_value=datetime.date(1990, 1, 1))


@pytest.mark.django_db
def test_a_twenty_digit_count_is_refused_by_the_check_not_the_commit(
    csv_file, curator, survey_importer
):
    path = csv_file(
        [
            ["উপজেলা", "ইউনিয়ন", "খানা", "তারিখ"],
            ["সাভার", "আশুলিয়া", "12345678901234567890", "01/07/2023"],
            ["সাভার", "ধামসোনা", "120", "0001-01-01"],
        ]
    )

    job = committed(checked(path, survey_importer.kind, curator))

    assert job.status == job.Status.INVALID
    assert [(error["row"], error["column"]) for error in job.report["errors"]] == [
        (2, "খানা"),
        (3, "তারিখ"),
    ]
    assert messages(job)[0].endswith(
        "the largest number that can be stored is about 214 crore (2.1 billion)."
    )
    assert messages(job)[1] == "“0001-01-01” is before 01/01/1900."
