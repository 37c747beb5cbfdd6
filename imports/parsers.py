"""Cell parsers: turn what people type in spreadsheets (Bangla or ASCII digits, lakh grouping,
Bangla or English names and labels) into values, or refuse with a sentence naming the value.

This is the module importers use (``parsers.text()``, ``parsers.amount()``,
``parsers.area("union")``…): it holds the parsers of text, numbers, amounts, dates, choices,
yes/no and fiscal years, and gives the area parser (``imports.areas``) and the ``Parser`` base
class (``imports.cells``) under the same names."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bangla import format_lakh, normalize, parse_number

from .areas import area
from .cells import Parser, _as_text, _bangla, _digits, _label_key, closest, in_both_languages
from .messages import LANGUAGES, CellError

__all__ = [
    "EARLIEST_DATE",
    "INTEGER_MAX",
    "INTEGER_MIN",
    "Parser",
    "amount",
    "area",
    "boolean",
    "choice",
    "date",
    "fiscal_year",
    "integer",
    "text",
]


# --- text ---------------------------------------------------------------------------


class Text(Parser):
    pure = True

    def __init__(self, max_length=None):
        self.max_length = max_length

    def parse(self, value, row, context):
        value = unicodedata.normalize("NFC", " ".join(_as_text(value).split()))
        if self.max_length and len(value) > self.max_length:
            raise CellError(
                _("“%(value)s” is too long: at most %(max)s characters are allowed."),
                value=value,
                max=self.max_length,
            )
        return value

    def describe(self):
        if self.max_length:
            return str(
                _("Text, at most %(max)s characters.") % {"max": _digits(str(self.max_length))}
            )
        return str(_("Text."))


def text(max_length=None):
    """Text with Unicode NFC form and single spaces; refused above `max_length` characters."""
    return Text(max_length)


# --- numbers ------------------------------------------------------------------------

# What an IntegerField (and a PositiveIntegerField, from 0) stores on PostgreSQL. SQLite takes
# up to 64 bits (a 20-digit count breaks the commit there too); the same bound on both keeps a
# file that imports on one importable on the other. Refused by the check unless the importer
# gives wider bounds itself.
INTEGER_MIN = -2_147_483_648
INTEGER_MAX = 2_147_483_647


class Integer(Parser):
    pure = True

    def __init__(self, min_value=None, max_value=None):
        self.min_value = INTEGER_MIN if min_value is None else min_value
        self.max_value = INTEGER_MAX if max_value is None else max_value

    def parse(self, value, row, context):
        number = _read_number(value)
        if number is None or number != number.to_integral_value():
            raise CellError(_("“%(value)s” is not a whole number."), value=value)
        # The limit is named in words: written out, its ten digits would be masked as if
        # they were an identity number (imports.messages).
        if self.max_value == INTEGER_MAX and number > INTEGER_MAX:
            raise CellError(
                _(
                    "“%(value)s” is too large: the largest number that can be stored is about "
                    "214 crore (2.1 billion)."
                ),
                value=value,
            )
        if self.min_value == INTEGER_MIN and number < INTEGER_MIN:
            raise CellError(
                _(
                    "“%(value)s” is too small: the smallest number that can be stored is about "
                    "-214 crore (-2.1 billion)."
                ),
                value=value,
            )
        _check_range(value, number, self.min_value, self.max_value)
        return int(number)

    def display(self, value):
        return "" if value is None else format_lakh(value, bangla_digits=_bangla())

    def describe(self):
        low = None if self.min_value == INTEGER_MIN else self.min_value
        high = None if self.max_value == INTEGER_MAX else self.max_value
        if low is not None and high is not None:
            text = _("A whole number from %(min)s to %(max)s, in Bangla or English digits.")
        elif low is not None:
            text = _("A whole number, %(min)s or more, in Bangla or English digits.")
        else:
            text = _("A whole number, in Bangla or English digits.")
        return str(text) % {"min": self.display(low), "max": self.display(high)}


def integer(min_value=None, max_value=None):
    """A whole number in Bangla or ASCII digits, with or without lakh or western grouping.
    Without bounds, what an IntegerField stores (INTEGER_MIN to INTEGER_MAX)."""
    return Integer(min_value, max_value)


CRORE = Decimal(10_000_000)


class Amount(Parser):
    pure = True

    def __init__(self, min_value=0, max_value=None, decimal_places=2):
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = Decimal(max_value) if max_value is not None else None
        self.decimal_places = decimal_places
        self.quantum = Decimal(1).scaleb(-decimal_places)

    def parse(self, value, row, context):
        number = _read_number(value)
        if number is None:
            raise CellError(
                _("“%(value)s” is not an amount: write it in digits, e.g. 12,34,567.50."),
                value=value,
            )
        # Bounds first: a number too large for its paisa to be counted cannot be rounded.
        if self.min_value is not None and number < self.min_value:
            if self.min_value == 0:
                raise CellError(_("“%(value)s” is negative; an amount cannot be."), value=value)
            raise CellError(_("“%(value)s” is less than %(min)s."), value=value, min=self.min_value)
        if self.max_value is not None and number > self.max_value:
            if self.max_value >= CRORE * 100:
                # Ten digits or more would be masked as if they were an identity number
                # (imports.messages): name so large a limit in crore.
                raise CellError(
                    _("“%(value)s” is more than %(crore)s crore."),
                    value=value,
                    crore=int((self.max_value / CRORE).to_integral_value()),
                )
            raise CellError(_("“%(value)s” is more than %(max)s."), value=value, max=self.max_value)
        try:
            rounded = number.quantize(self.quantum)
        except InvalidOperation:
            raise CellError(
                _("“%(value)s” is not an amount: write it in digits, e.g. 12,34,567.50."),
                value=value,
            ) from None
        # Excel stores computed amounts as binary fractions (1234.5600000000001): those are
        # rounded; a typed third decimal place is a mistake worth pointing out.
        tolerance = Decimal("0.000001") if isinstance(value, float) else Decimal(0)
        if abs(rounded - number) > tolerance:
            raise CellError(
                _("“%(value)s” has more than %(places)s decimal places."),
                value=value,
                places=self.decimal_places,
            )
        return rounded

    def display(self, value):
        return "" if value is None else format_lakh(value, bangla_digits=_bangla())

    def describe(self):
        return str(
            _(
                "Taka in Bangla or English digits, with or without commas, e.g. %(example)s "
                "(at most %(places)s decimal places)."
            )
        ) % {"example": _digits("12,34,567.50"), "places": _digits(str(self.decimal_places))}


def amount(min_value=0, max_value=Decimal("999999999999.99"), decimal_places=2):
    """Money in taka as a Decimal: "১২,৩৪,৫৬৭", "12,34,567.50", "1234567 টাকা", "৳৫০০/-"."""
    return Amount(min_value, max_value, decimal_places)


_PLAIN_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _read_number(value):
    if isinstance(value, str) and _PLAIN_NUMBER_RE.fullmatch(value):
        return Decimal(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if not isinstance(value, str):
        return None
    try:
        number = parse_number(value)
    except ValueError:
        return None
    return number if number.is_finite() else None


def _check_range(value, number, min_value, max_value):
    if min_value is not None and number < min_value:
        raise CellError(_("“%(value)s” is less than %(min)s."), value=value, min=min_value)
    if max_value is not None and number > max_value:
        raise CellError(_("“%(value)s” is more than %(max)s."), value=value, max=max_value)


# --- dates --------------------------------------------------------------------------

_DAY_FIRST_RE = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_YEAR_FIRST_RE = re.compile(r"(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[ t]00:00(?::00)?)?")


# No date the portal records (a birth, a replication, a benefit) is older: "0001-01-01" or
# "1800-01-01" in a list is a placeholder or a typing slip, not a date.
EARLIEST_DATE = datetime.date(1900, 1, 1)


class Date(Parser):
    pure = True

    def __init__(self, earliest=EARLIEST_DATE, latest=None):
        self.earliest = earliest
        self.latest = latest

    def parse(self, value, row, context):
        parsed = _read_date(value)
        if parsed is None:
            raise CellError(
                _("“%(value)s” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD."),
                value=value,
            )
        earliest = _resolve_date(self.earliest, context)
        latest = _resolve_date(self.latest, context)
        if earliest and parsed < earliest:
            raise CellError(
                _("“%(value)s” is before %(earliest)s."),
                value=value,
                earliest=_date_text(earliest),
            )
        if latest and parsed > latest:
            raise CellError(
                _("“%(value)s” is after %(latest)s."), value=value, latest=_date_text(latest)
            )
        return parsed

    def display(self, value):
        return "" if value is None else _digits(value.strftime("%d/%m/%Y"))

    def describe(self):
        text = str(
            _("A date as DD/MM/YYYY (e.g. %(example)s) or YYYY-MM-DD, in Bangla or English digits.")
        ) % {"example": _digits("25/12/1980")}
        earliest, latest = self.earliest, self.latest
        first = _date_text(earliest) if earliest and earliest != EARLIEST_DATE else None
        last = _("today") if latest == "today" else (_date_text(latest) if latest else None)
        if first and last:
            text += " " + str(_("From %(first)s to %(last)s.")) % {"first": first, "last": last}
        elif latest == "today":
            text += " " + str(_("Not a date in the future."))
        elif last:
            text += " " + str(_("Not after %(last)s.")) % {"last": last}
        elif first:
            text += " " + str(_("Not before %(first)s.")) % {"first": first}
        return text


def date(earliest=None, latest=None, *, min_value=None, max_value=None):
    """A date: DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD (Bangla digits too), or an
    Excel date cell. `min_value`/`max_value` (or `earliest`/`latest`, the same) are the first
    and last dates allowed, each a date or "today"; without a first one, EARLIEST_DATE
    (1 January 1900). A birth date: ``date(min_value=EARLIEST_DATE, max_value="today")``."""
    if earliest is not None and min_value is not None and earliest != min_value:
        raise ValueError("date(): give `min_value` or `earliest`, not both")
    if latest is not None and max_value is not None and latest != max_value:
        raise ValueError("date(): give `max_value` or `latest`, not both")
    first = min_value if min_value is not None else earliest
    last = max_value if max_value is not None else latest
    return Date(EARLIEST_DATE if first is None else first, last)


def _read_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    folded = normalize(value)
    match = _DAY_FIRST_RE.fullmatch(folded)
    if match:
        day, _sep, month, year = match.groups()
    else:
        match = _YEAR_FIRST_RE.fullmatch(folded)
        if not match:
            return None
        year, _sep, month, day = match.groups()
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _resolve_date(bound, context):
    if bound == "today":
        return getattr(context, "today", None) or timezone.localdate()
    return bound


class _DateText:
    """A date in a message, written in the message's language."""

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return _digits(self.value.strftime("%d/%m/%Y"))


def _date_text(value):
    return _DateText(value)


# --- choices ------------------------------------------------------------------------


class Choice(Parser):
    pure = True

    def __init__(self, choices, aliases=None):
        if isinstance(choices, type) and issubclass(choices, models.Choices):
            choices = choices.choices
        self.choices = list(choices)
        self.aliases = dict(aliases or {})
        self._lookup = None

    def lookup(self):
        if self._lookup is None:
            table = {}
            for value, label in self.choices:
                table[normalize(str(value))] = value
                for language in LANGUAGES:
                    with translation.override(language):
                        table.setdefault(normalize(str(label)), value)
            for alias, value in self.aliases.items():
                table.setdefault(normalize(alias), value)
            self._lookup = table
        return self._lookup

    def parse(self, value, row, context):
        found = self.lookup().get(_label_key(_as_text(value)))
        if found is None:
            choices = [label for _value, label in self.choices]
            near = closest(_as_text(value), self.lookup())
            if near is not None:
                raise CellError(
                    _("“%(value)s” is not one of: %(choices)s. Did you mean “%(suggestion)s”?"),
                    value=value,
                    choices=choices,
                    suggestion=self.label_of(near),
                )
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s."), value=value, choices=choices
            )
        return found

    def label_of(self, value):
        for choice_value, label in self.choices:
            if choice_value == value:
                return label
        return value

    def display(self, value):
        for choice_value, label in self.choices:
            if choice_value == value:
                return str(label)
        return "" if value is None else str(value)

    def describe(self):
        return str(_("One of: %(choices)s.")) % {
            "choices": "; ".join(in_both_languages(label) for value, label in self.choices if value)
        }


def choice(choices, aliases=None):
    """One of `choices` (a TextChoices class or (value, label) pairs), given by its value or
    its label in Bangla or English; `aliases` maps further spellings to values."""
    return Choice(choices, aliases)


_YES = {"yes", "y", "true", "1", "হ্যাঁ", "হ্যা", "হাঁ", "হা", "জি", "আছে", "✓", "✔"}
_NO = {"no", "n", "false", "0", "না", "নাই", "নেই", "✗", "✘"}
_YES_KEYS = {normalize(word) for word in _YES}
_NO_KEYS = {normalize(word) for word in _NO}


class Boolean(Parser):
    pure = True

    def parse(self, value, row, context):
        if isinstance(value, bool):
            return value
        key = _label_key(_as_text(value))
        if key in _YES_KEYS:
            return True
        if key in _NO_KEYS:
            return False
        raise CellError(_("“%(value)s” is not yes or no (হ্যাঁ or না)."), value=value)

    def display(self, value):
        if value is None:
            return ""
        return str(_("Yes") if value else _("No"))

    def describe(self):
        return str(_("Yes or no: হ্যাঁ / না, yes / no, ১ / ০ or 1 / 0."))


def boolean():
    """Yes or no: yes/no, হ্যাঁ/না, আছে/নেই, 1/0, true/false, or an Excel TRUE/FALSE cell."""
    return Boolean()


# --- fiscal years -------------------------------------------------------------------

_FISCAL_YEAR_RE = re.compile(r"(?:fy|অর্থবছর|অর্থ বছর)?\s*(\d{4})\s*[-/–—]\s*(\d{2}|\d{4})")


def current_fiscal_year_start(today=None):
    """The calendar year in which the current Bangladesh fiscal year (July–June) began."""
    today = today or timezone.localdate()
    return today.year if today.month >= 7 else today.year - 1


class FiscalYear(Parser):
    pure = True

    def __init__(self, first=1972, last=None):
        self.first = first
        self.last = last

    def parse(self, value, row, context):
        match = _FISCAL_YEAR_RE.fullmatch(_label_key(_as_text(value)))
        if not match:
            raise CellError(
                _("“%(value)s” is not a fiscal year: write it as 2023-24."), value=value
            )
        start, end = int(match[1]), int(match[2])
        if (len(match[2]) == 2 and end != (start + 1) % 100) or (
            len(match[2]) == 4 and end != start + 1
        ):
            raise CellError(
                _(
                    "“%(value)s” is not a fiscal year: a fiscal year runs from July of one year "
                    "to June of the next, e.g. 2023-24."
                ),
                value=value,
            )
        last = (
            self.last
            if self.last is not None
            else current_fiscal_year_start(getattr(context, "today", None)) + 1
        )
        if not self.first <= start <= last:
            raise CellError(
                _("“%(value)s” is outside the fiscal years %(first)s to %(last)s."),
                value=value,
                first=_fiscal_year_text(self.first),
                last=_fiscal_year_text(last),
            )
        return _fiscal_year_text(start).value

    def display(self, value):
        return "" if value is None else _digits(value)

    def describe(self):
        return str(
            _("A fiscal year (July to June) written %(example)s, in Bangla or English digits.")
        ) % {"example": _digits("2023-24")}


class _FiscalYearText:
    def __init__(self, start):
        self.value = f"{start}-{(start + 1) % 100:02d}"

    def __str__(self):
        return _digits(self.value)


def _fiscal_year_text(start):
    return _FiscalYearText(start)


def fiscal_year_text(value):
    """A fiscal year ("2023-24") for a message: shown in Bangla digits in a Bangla message."""
    return _FiscalYearText(int(str(value)[:4]))


def fiscal_year(first=1972, last=None):
    """A Bangladesh fiscal year (July–June): "2023-24", "২০২৩-২৪", "2023-2024", "2023/24";
    returns "2023-24". `first`/`last` are the earliest and latest starting years allowed
    (by default up to the fiscal year after the current one)."""
    return FiscalYear(first, last)
