"""What every cell parser is built on: the Parser base class, and reading a cell (text typed
in Bangla or English, or a number or date from an Excel cell) in the form the parsers compare."""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.utils import translation

from bangla import normalize, to_bangla_digits


class Parser:
    """Turns one non-empty cell into a value. Subclasses implement `parse`."""

    #: Columns whose failure makes this cell impossible to judge (they are parsed first).
    depends_on: tuple[str, ...] = ()

    #: The value (or refusal) depends on the cell's text alone and on what a run holds still
    #: (its date, the tables it has read), never on the row's other cells: a pass then reads
    #: each distinct text of the column once (`imports.rows.parse_row`).
    pure: bool = False

    def parse(self, value, row, context):
        raise NotImplementedError

    def display(self, value) -> str:
        """The parsed value as the preview shows it, in the active language."""
        if value is None:
            return ""
        return str(value)

    def describe(self) -> str:
        """What to write in a cell of this kind, in the active language, for the import guide
        (the guide's "what to write" column is made from the parsers the check uses)."""
        return ""


# How alike a misspelt value and a known one must be (rapidfuzz's 0–100 scores) for the refusal
# to suggest the known one: "বিধবা ভাতা" is one of the words of the widows' allowance's name.
SUGGESTION_CUTOFF = 75


def closest(value, known):
    """The target in `known` (normalised spelling → target) whose spelling is nearest `value`,
    or None when none is near enough to suggest."""
    from rapidfuzz import fuzz, process

    text = normalize(str(value))
    if not text or not known:
        return None
    found = process.extractOne(
        text, list(known), scorer=fuzz.token_set_ratio, score_cutoff=SUGGESTION_CUTOFF
    )
    if found is None:
        return None
    # Between equally good spellings the closest whole string wins ("ভাতা" is in many names).
    best = [key for key in known if fuzz.token_set_ratio(text, key) == found[1]]
    return known[max(best, key=lambda key: fuzz.ratio(text, key))]


def in_both_languages(label):
    """A label in Bangla and in English ("পুরুষ / Male"), once when both are the same."""
    names = []
    for language in ("bn", "en"):
        with translation.override(language):
            name = str(label)
        if name and name not in names:
            names.append(name)
    return " / ".join(names)


def _bangla():
    return not (translation.get_language() or "bn").startswith("en")


def _digits(text):
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
