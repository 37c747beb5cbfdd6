import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
from freezegun import freeze_time

from practices import fiscal


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023-24", "2023-24"), ("২০২৩-২৪", "2023-24"), ("2023-2024", "2023-24"), (" 2099-00", None)],
)
@freeze_time("2025-03-01")
def test_parse_reads_ascii_and_bangla_digits(text, expected):
    if expected is None:
        with pytest.raises(ValidationError):
            fiscal.parse(text)
    else:
        assert str(fiscal.parse(text)) == expected


@freeze_time("2025-03-01")
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-25", "July to the next June"),
        ("2023", "write it as 2023-24"),
        ("FY24", "write it as 2023-24"),
        ("1999-00", "outside 2000-01 to 2025-26"),
        ("2026-27", "outside 2000-01 to 2025-26"),
        ("", "write it as 2023-24"),
    ],
)
def test_impossible_fiscal_years_are_refused_with_the_reason(text, reason):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        fiscal.validate(text)
    assert reason in refused.value.messages[0]


def test_the_fiscal_year_turns_on_the_first_of_july():
    assert str(fiscal.of_date(datetime.date(2024, 6, 30))) == "2023-24"
    assert str(fiscal.of_date(datetime.date(2024, 7, 1))) == "2024-25"
    assert datetime.date(2024, 1, 15) in fiscal.FiscalYear(2023)
    assert str(fiscal.FiscalYear(1999)) == "1999-00"


@freeze_time("2024-08-10")
def test_current_fiscal_year_and_the_next_one_is_the_last_accepted():
    assert str(fiscal.current()) == "2024-25"
    assert str(fiscal.latest_allowed()) == "2025-26"
    assert fiscal.normalize("2025-26") == "2025-26"


def test_bangla_rendering():
    assert fiscal.bangla("2023-24") == "২০২৩-২৪"
    assert fiscal.FiscalYear(2023).bangla() == "২০২৩-২৪"
