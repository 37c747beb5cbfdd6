"""A search request made safe: the query analysed into positions, the filters validated.

Whatever arrives from a URL is reduced here to terms made of Bangla letters and marks or
ASCII letters and digits, and to facet values of a known shape, so no backend ever sees query
syntax, control characters or unbounded input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bangla import Glossary, analyze, analyze_query, fold_digits, sanitize_query, tokenize

from .results import FACETS

MAX_QUERY_CHARS = 256
MAX_POSITIONS = 24
MAX_FILTER_VALUES = 20
SORTS = ("relevance", "date")

_FACET_VALUE_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


@dataclass
class ParsedQuery:
    """The analysed query: positions that must all match, each with alternative terms.

    An alternative is one term or several terms joined by a space (a phrase, from the
    glossary). `typed` maps a term to the word the user typed (normalised); `words` is the
    same for Latin terms only, which get typo tolerance.
    """

    text: str
    positions: list[list[str]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    shortened: bool = False

    @property
    def is_browse(self):
        """No text at all: list everything that matches the filters."""
        return not self.text

    @property
    def has_terms(self):
        """Whether the query has anything to search for."""
        return bool(self.positions)

    def terms(self) -> set[str]:
        """Every single term any alternative contains, for highlighting."""
        return {
            term for alternatives in self.positions for alt in alternatives for term in alt.split()
        }


def is_latin_term(term: str) -> bool:
    """Whether a term is an English (ASCII letters) word, which gets typo tolerance."""
    return term.isascii() and term.isalpha()


def parse(text, glossary: Glossary | None = None) -> ParsedQuery:
    """Analyse any user input into a `ParsedQuery` (never raises)."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    cleaned = sanitize_query(raw, max_length=MAX_QUERY_CHARS)
    # Compare with the input cut to what sanitize_query looks at anyway, to say it was shortened.
    shortened = len(sanitize_query(raw, max_length=MAX_QUERY_CHARS * 4)) > len(cleaned)
    positions = analyze_query(cleaned, glossary)
    if len(positions) > MAX_POSITIONS:
        positions, shortened = positions[:MAX_POSITIONS], True
    typed = {}
    for token in tokenize(cleaned):
        terms = analyze(token)
        if len(terms) == 1:
            typed.setdefault(terms[0], token)
    words = {term: word for term, word in typed.items() if is_latin_term(term)}
    return ParsedQuery(
        text=cleaned, positions=positions, words=words, typed=typed, shortened=shortened
    )


def clean_filters(raw: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Keep only known facets and well-formed values, in a canonical spelling.

    `best_practice` becomes ``"true"``/``"false"``; `year` accepts Bangla digits; other values
    are keys or slugs. Anything else is dropped rather than searched for.
    """
    cleaned: dict[str, list[str]] = {}
    if not raw:
        return cleaned
    for facet in FACETS:
        values = raw.get(facet) or []
        if isinstance(values, str):
            values = [values]
        kept = []
        for value in list(values)[: MAX_FILTER_VALUES * 2]:
            value = _clean_value(facet, value)
            if value is not None and value not in kept:
                kept.append(value)
        if kept:
            cleaned[facet] = kept[:MAX_FILTER_VALUES]
    return cleaned


def _clean_value(facet, value):
    if not isinstance(value, str):
        return None
    value = sanitize_query(value, max_length=64).lower()
    if facet == "best_practice":
        return "true" if value in _TRUE else "false" if value in _FALSE else None
    if facet == "year":
        value = fold_digits(value)
        return value if value.isascii() and value.isdigit() and 1900 <= int(value) <= 2200 else None
    if facet in ("division", "district"):
        value = value.upper()
        return value if re.fullmatch(r"[A-Z0-9_-]{1,20}", value) else None
    return value if _FACET_VALUE_RE.fullmatch(value) else None


def clean_sort(value) -> str:
    """`relevance` or `date`; anything else is `relevance`."""
    return value if value in SORTS else "relevance"


def clean_page(value, default=1) -> int:
    """A page number from any input (Bangla digits too), between 1 and 10,000."""
    try:
        number = int(fold_digits(str(value)).strip())
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), 10_000)
