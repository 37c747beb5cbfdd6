"""Cell parsers: turn what people type in spreadsheets (Bangla or ASCII digits, lakh grouping,
Bangla or English names and labels) into values, or refuse with a sentence naming the value."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bangla import fold_digits, format_lakh, name_key, normalize, parse_number

from .base import LANGUAGES, CellError, Message, SkipCell

__all__ = [
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


class Parser:
    """Turns one non-empty cell into a value. Subclasses implement `parse`."""

    #: Columns whose failure makes this cell impossible to judge (they are parsed first).
    depends_on: tuple[str, ...] = ()

    def parse(self, value, row, context):
        raise NotImplementedError

    def display(self, value) -> str:
        """The parsed value as the preview shows it, in the active language."""
        if value is None:
            return ""
        return str(value)


def _bangla():
    return not (translation.get_language() or "bn").startswith("en")


def _digits(text):
    from bangla import to_bangla_digits

    return to_bangla_digits(text) if _bangla() else text


_normalize_short = lru_cache(maxsize=4096)(normalize)


def _label_key(text):
    # Label cells (sex, relation, yes/no, fiscal years) repeat on every row of a list.
    return _normalize_short(text) if len(text) <= 40 else normalize(text)


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --- text ---------------------------------------------------------------------------


class Text(Parser):
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


def text(max_length=None):
    """Text with Unicode NFC form and single spaces; refused above `max_length` characters."""
    return Text(max_length)


# --- numbers ------------------------------------------------------------------------


class Integer(Parser):
    def __init__(self, min_value=None, max_value=None):
        self.min_value = min_value
        self.max_value = max_value

    def parse(self, value, row, context):
        number = _read_number(value)
        if number is None or number != number.to_integral_value():
            raise CellError(_("“%(value)s” is not a whole number."), value=value)
        _check_range(value, number, self.min_value, self.max_value)
        return int(number)

    def display(self, value):
        return "" if value is None else format_lakh(value, bangla_digits=_bangla())


def integer(min_value=None, max_value=None):
    """A whole number in Bangla or ASCII digits, with or without lakh or western grouping."""
    return Integer(min_value, max_value)


class Amount(Parser):
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


class Date(Parser):
    def __init__(self, earliest=None, latest=None):
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


def date(earliest=None, latest=None):
    """A date: DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD (Bangla digits too), or an
    Excel date cell. `earliest`/`latest` are dates or "today"."""
    return Date(earliest, latest)


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
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s."),
                value=value,
                choices=[label for _value, label in self.choices],
            )
        return found

    def display(self, value):
        for choice_value, label in self.choices:
            if choice_value == value:
                return str(label)
        return "" if value is None else str(value)


def choice(choices, aliases=None):
    """One of `choices` (a TextChoices class or (value, label) pairs), given by its value or
    its label in Bangla or English; `aliases` maps further spellings to values."""
    return Choice(choices, aliases)


_YES = {"yes", "y", "true", "1", "হ্যাঁ", "হ্যা", "হাঁ", "হা", "জি", "আছে", "✓", "✔"}
_NO = {"no", "n", "false", "0", "না", "নাই", "নেই", "✗", "✘"}
_YES_KEYS = {normalize(word) for word in _YES}
_NO_KEYS = {normalize(word) for word in _NO}


class Boolean(Parser):
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


# --- areas --------------------------------------------------------------------------

_MEMO_LIMIT = 50_000
_AREA_FIELDS = (
    "id",
    "level",
    "key",
    "code",
    "name_bn",
    "name_en",
    "parent_id",
    "division_id",
    "district_id",
    "upazila_id",
)
_NAME_NOISE_RE = re.compile(r"[\s\-'’‘`.,()]+")
_LEVEL_WORDS = [
    "upazila",
    "upozila",
    "upajila",
    "thana",
    "উপজেলা",
    "থানা",
    "union parishad",
    "union",
    "up",
    "ইউনিয়ন পরিষদ",
    "ইউনিয়ন",
    "ইউপি",
    "pourashava",
    "paurashava",
    "pourasava",
    "paurasava",
    "pourosova",
    "municipality",
    "পৌরসভা",
    "district",
    "zila",
    "zilla",
    "জেলা",
    "division",
    "বিভাগ",
]
# Names people still write for districts and divisions renamed or respelt since.
_FORMER_NAMES = {
    "chittagong": "chattogram",
    "comilla": "cumilla",
    "barisal": "barishal",
    "jessore": "jashore",
    "bogra": "bogura",
    "chapainawabganj": "chapainababganj",
    "chapai nawabganj": "chapainababganj",
    "nawabganj": "chapainababganj",
    "jhalakati": "jhalokati",
    "jhalakathi": "jhalokati",
    "jhalokathi": "jhalokati",
    "maulvibazar": "moulvibazar",
    "netrokona": "netrakona",
    "laxmipur": "lakshmipur",
    "lakshmipur": "lakshmipur",
    "khagrachari": "khagrachhari",
    "narshingdi": "narsingdi",
    "jhenaidaha": "jhenaidah",
}


def _name_form(text):
    return _NAME_NOISE_RE.sub("", normalize(text))


def _folded_form(text):
    return _NAME_NOISE_RE.sub("", name_key(text))


_LEVEL_SUFFIXES = sorted({_name_form(word) for word in _LEVEL_WORDS}, key=len, reverse=True)
_FORMER = {_name_form(old): _name_form(new) for old, new in _FORMER_NAMES.items()}

_LEVEL_NOUNS = {
    "division": _("division"),
    "district": _("district"),
    "upazila": _("upazila"),
    "union": _("union"),
    "pourashava": _("pourashava"),
}


class _AreaIndex:
    """Every area of some levels, by code, key and name, loaded once per pass."""

    def __init__(self, levels):
        from places.models import Area

        self.model = Area
        self.rows = {}
        self.by_code = {}
        self.by_name = {}
        self.by_folded = {}
        self.objects = {}
        for values in Area.objects.filter(level__in=levels).values_list(*_AREA_FIELDS):
            record = dict(zip(_AREA_FIELDS, values, strict=True))
            pk = record["id"]
            self.rows[pk] = values
            for code in (record["code"], record["key"]):
                if code:
                    self.by_code.setdefault(code.upper(), set()).add(pk)
            for name in (record["name_bn"], record["name_en"]):
                self.by_name.setdefault(_name_form(name), set()).add(pk)
                self.by_folded.setdefault(_folded_form(name), set()).add(pk)

    def area(self, pk):
        area = self.objects.get(pk)
        if area is None:
            # Built from the values already loaded: no query per area.
            record = dict(zip(_AREA_FIELDS, self.rows[pk], strict=True))
            names = [
                field.attname
                for field in self.model._meta.concrete_fields
                if field.attname in record
            ]
            area = self.model.from_db("default", names, [record[name] for name in names])
            self.objects[pk] = area
        return area

    def ancestors(self, pk):
        values = self.rows[pk]
        # parent, division, district, upazila
        return {values[6], values[7], values[8], values[9]} - {None, pk}

    def by_code_or_key(self, value):
        code = fold_digits(value).strip().upper().replace(" ", "")
        found = self.by_code.get(code)
        if found is None and code.isdigit():
            found = self.by_code.get("BD" + code)
        return found or []

    def by_any_name(self, value, inside):
        """Candidates for a name, trying looser spellings only when stricter ones find none."""
        form = _name_form(value)
        attempts = [form]
        for suffix in _LEVEL_SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix):
                attempts.append(form[: -len(suffix)])
                break
        attempts.extend(_FORMER[a] for a in list(attempts) if a in _FORMER)
        for attempt in attempts:
            found = inside(self.by_name.get(attempt, ()))
            if found:
                return found
        for attempt in attempts:
            found = inside(self.by_folded.get(_folded_form(attempt), ()))
            if found:
                return found
        return []


class AreaLookup(Parser):
    def __init__(self, *levels, within=None, in_scope=False):
        if not levels:
            raise ValueError("area() needs at least one level")
        self.levels = tuple(str(level) for level in levels)
        self.within = within
        self.in_scope = in_scope
        self.depends_on = (within,) if within else ()

    @property
    def noun(self):
        if set(self.levels) == {"union", "pourashava"}:
            return _("union or pourashava")
        return _LEVEL_NOUNS[self.levels[0]] if len(self.levels) == 1 else "/".join(self.levels)

    def index(self, context):
        key = ("imports.parsers.area", self.levels)
        if key not in context.cache:
            context.cache[key] = _AreaIndex(self.levels)
        return context.cache[key]

    def parse(self, value, row, context):
        if self.within and self.within in row.failed:
            raise SkipCell
        index = self.index(context)
        value = _as_text(value)
        parent = row.get(self.within) if self.within else None
        # Files repeat the same few places on every row: remember each answer (up to a bound,
        # so a file of a million different misspellings cannot fill the memory).
        memo = context.cache.setdefault(("imports.parsers.area.memo", id(self)), {})
        remembered = memo.get((value, parent and parent.pk))
        if remembered is None:
            try:
                remembered = self._find(value, parent, index, context)
            except CellError as exc:
                remembered = exc.message
            if len(memo) < _MEMO_LIMIT:
                memo[(value, parent and parent.pk)] = remembered
        if isinstance(remembered, Message):
            raise CellError(remembered)
        return index.area(remembered)

    def _find(self, value, parent, index, context):
        """The primary key of the area `value` names, or CellError."""

        def inside(pks):
            if parent is None:
                return sorted(pks)
            return sorted(pk for pk in pks if parent.pk in index.ancestors(pk))

        by_code = index.by_code_or_key(value)
        if by_code:
            found = inside(by_code)
            if not found:
                raise CellError(_("“%(value)s” is not in %(parent)s."), value=value, parent=parent)
        else:
            found = index.by_any_name(value, inside)
        if not found:
            if parent is not None:
                raise CellError(
                    _("There is no %(level)s “%(value)s” in %(parent)s."),
                    value=value,
                    level=self.noun,
                    parent=parent,
                )
            raise CellError(
                _("No %(level)s has the code or name “%(value)s”."),
                value=value,
                level=self.noun,
            )
        if len(found) > 1:
            self._ambiguous(value, found, index, context)
        pk = found[0]
        if self.in_scope and context.scope is not None:
            scope = context.scope
            if pk != scope.pk and scope.pk not in index.ancestors(pk):
                raise CellError(
                    _("“%(value)s” is outside %(scope)s, the LGI this import is for."),
                    value=value,
                    scope=scope,
                )
        return pk

    def _ambiguous(self, value, found, index, context):
        places = index.model.objects.filter(pk__in=found[:5]).select_related("district", "upazila")
        if self.within:
            hint = _Lazy(
                _("Give its code, or fill in the column “%(within)s”."),
                within=context.importer.column(self.within).label,
            )
        else:
            hint = _Lazy(_("Give its code instead."))
        raise CellError(
            _("“%(value)s” is the name of %(count)s places: %(places)s. %(hint)s"),
            value=value,
            count=len(found),
            places=_Joined([_FullName(area) for area in places], "; "),
            hint=hint,
        )

    def display(self, value):
        return "" if value is None else value.name


class _FullName:
    """An area with the larger areas that tell it apart: "Kaliganj (Gazipur)"."""

    def __init__(self, area):
        self.area = area

    def __str__(self):
        area = self.area
        around = [
            ancestor.name
            for ancestor in (area.upazila, area.district)
            if ancestor is not None and ancestor.pk != area.pk
        ]
        return f"{area.name} ({', '.join(around)})" if around else area.name


class _Joined:
    def __init__(self, items, separator):
        self.items = items
        self.separator = separator

    def __str__(self):
        return self.separator.join(str(item) for item in self.items)


class _Lazy:
    """A lazy sentence with its own parameters, as a parameter of another message."""

    def __init__(self, text, **params):
        self.text = text
        self.params = params

    def __str__(self):
        if not self.params:
            return str(self.text)
        return str(self.text) % {name: str(value) for name, value in self.params.items()}


def area(*levels, within=None, in_scope=False):
    """An Area of one of `levels` given by P-code, key or Bangla/English name.

    `within` names an earlier column whose area must contain this one (a union within its
    upazila); a name that fits several areas is refused with a message listing them;
    `in_scope` refuses areas outside the job's LGI scope.
    """
    return AreaLookup(*levels, within=within, in_scope=in_scope)
