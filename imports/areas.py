"""The area parser: an Area of some levels named by its P-code, its key or its Bangla or English
name, however people spell it, resolved once per distinct value and pass."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from bangla import fold_digits, name_key, normalize

from .cells import Parser, _as_text
from .messages import CellError, Message, SkipCell

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

    def describe(self):
        return str(
            _("The %(noun)s's name in Bangla or English, or its code (e.g. BD30260072).")
        ) % {"noun": self.noun}


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
