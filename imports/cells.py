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
