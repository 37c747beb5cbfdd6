"""Bangladesh's fiscal year (অর্থবছর): July to June, written `2023-24` (২০২৩-২৪ in Bangla)."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bangla import fold_digits, to_bangla_digits

FIRST_YEAR = 2000  # HLP began in 2007; earlier budget lines are typing mistakes, not history.
_PATTERN = re.compile(r"^\s*(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True, order=True)
class FiscalYear:
    """The fiscal year that starts on 1 July of `start`."""

    start: int

    def __str__(self):
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self):
        return datetime.date(self.start, 7, 1)

    @property
    def last_day(self):
        return datetime.date(self.start + 1, 6, 30)

    def bangla(self):
        return to_bangla_digits(str(self))

    def __contains__(self, day):
        return self.first_day <= day <= self.last_day


def of_date(day):
    """The fiscal year a date falls in (1 July starts a new one)."""
    return FiscalYear(day.year if day.month >= 7 else day.year - 1)


def current():
    return of_date(timezone.localdate())


def latest_allowed():
    """Budgets are planned a year ahead, so next fiscal year is the last one accepted."""
    return FiscalYear(current().start + 1)


def parse(text):
    """A `FiscalYear` from "2023-24", "২০২৩-২৪" or "2023-2024"; `ValidationError` otherwise."""
    match = _PATTERN.match(fold_digits(str(text or "")))
    if not match:
        raise ValidationError(
            _("“%(value)s” is not a fiscal year: write it as 2023-24."),
            code="invalid_fiscal_year",
            params={"value": text},
        )
    start, end = int(match.group(1)), match.group(2)
    expected_end = start + 1 if len(end) == 4 else (start + 1) % 100
    if int(end) != expected_end:
        raise ValidationError(
            _("“%(value)s” is not a fiscal year: a fiscal year runs from July to the next June."),
            code="invalid_fiscal_year",
            params={"value": text},
        )
    year = FiscalYear(start)
    first, last = FiscalYear(FIRST_YEAR), latest_allowed()
    if not first <= year <= last:
        raise ValidationError(
            _("Fiscal year %(value)s is outside %(first)s to %(last)s."),
            code="fiscal_year_out_of_range",
            params={"value": str(year), "first": str(first), "last": str(last)},
        )
    return year


def normalize(text):
    """The canonical spelling ("2023-24") of a valid fiscal year."""
    return str(parse(text))


def validate(text):
    """A model-field validator for fiscal years."""
    parse(text)


def bangla(text):
    """A fiscal year written with Bangla digits: 2023-24 → ২০২৩-২৪."""
    return to_bangla_digits(str(text))
