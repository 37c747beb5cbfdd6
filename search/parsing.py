"""A search request made safe: the query analysed into positions, the filters validated.

Whatever arrives from a URL is reduced here to terms made of Bangla letters and marks or
ASCII letters and digits, and to facet values of a known shape, so no backend ever sees query
syntax, control characters or unbounded input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from bangla import (
    Glossary,
    analyze,
    analyze_query,
    fold_digits,
    key_term,
    sanitize_query,
    tokenize,
)
from bangla.transliterate import KEY_PREFIX

from .documents import BEST_PRACTICE_WORDS, TYPE_WORDS, fiscal_year_term
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
    glossary), or the phonetic key of a typed word (`is_key_term`), which only place names
    carry in the index. `typed` maps a term to the word the user typed (normalised); `words`
    is the same for Latin terms only. `types` are the kinds of document the query names
    ("পরিপত্র", "workshop"), which rank first; `corrected` maps a term no document has to the
    term it was taken to mean (filled in by the service from the index's vocabulary).
    """

    text: str
    positions: list[list[str]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    shortened: bool = False
    types: set[str] = field(default_factory=set)
    best_practice: bool = False
    corrected: dict[str, str] = field(default_factory=dict)
    # Terms no document has (set by the service from the index's vocabulary): Elasticsearch
    # matches them fuzzily.
    unknown: set[str] = field(default_factory=set)

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
            term
            for alternatives in self.positions
            for alt in alternatives
            for term in alt.split()
            if not is_key_term(term)
        }

    def first_terms(self) -> list[str]:
        """The terms as typed (each position's first alternative), for phrase and proximity."""
        return [alternatives[0] for alternatives in self.positions if " " not in alternatives[0]]

    def loosened(self) -> ParsedQuery:
        """The query with each phrase taken as its words, for partial matches: a glossary
        phrase ("উন্মুক্ত বাজেট") that no document has as a phrase still finds documents with
        its words. The other alternatives stay with the phrase's first word."""
        positions = []
        for alternatives in self.positions:
            if " " not in alternatives[0]:
                positions.append(list(alternatives))
                continue
            words = alternatives[0].split()
            positions.append([words[0], *alternatives[1:]])
            positions += [[word] for word in words[1:]]
        return replace(self, positions=positions[:MAX_POSITIONS])

    def with_corrections(
        self, corrected: dict[str, str], glossary: Glossary | None = None
    ) -> ParsedQuery:
        """The query with each term of `corrected` replaced by its correction and the
        correction's glossary alternatives (the typed term stays an alternative, so a rare
        word that is right still counts)."""
        positions = []
        for alternatives in self.positions:
            fixed = corrected.get(alternatives[0])
            if fixed:
                extra = (glossary or {}).get((fixed,), (fixed,))
                positions.append(list(dict.fromkeys([fixed, *extra, *alternatives])))
            else:
                positions.append(list(alternatives))
        return replace(self, positions=positions, corrected=dict(corrected), unknown=set())


def is_latin_term(term: str) -> bool:
    """Whether a term is an English (ASCII letters) word, which gets typo tolerance."""
    return term.isascii() and term.isalpha() and not is_key_term(term)


def is_key_term(term: str) -> bool:
    """Whether an alternative is a phonetic key (matched against place names only)."""
    return term.startswith(KEY_PREFIX)


def _type_phrases() -> dict[str, str]:
    phrases = {}
    for type_name, words in TYPE_WORDS.items():
        for word in words:
            phrases.setdefault(" ".join(analyze(word)), type_name)
    for word in BEST_PRACTICE_WORDS:
        phrases[" ".join(analyze(word))] = "best_practice"
    return phrases


_TYPE_PHRASES = _type_phrases()


def parse(text, glossary: Glossary | None = None) -> ParsedQuery:
    """Analyse any user input into a `ParsedQuery` (never raises)."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    cleaned = sanitize_query(raw, max_length=MAX_QUERY_CHARS)
    # Compare with the input cut to what sanitize_query looks at anyway, to say it was shortened.
    shortened = len(sanitize_query(raw, max_length=MAX_QUERY_CHARS * 4)) > len(cleaned)
    positions = _fiscal_years(analyze_query(cleaned, glossary))
    if len(positions) > MAX_POSITIONS:
        positions, shortened = positions[:MAX_POSITIONS], True
    typed = {}
    for token in tokenize(cleaned):
        terms = analyze(token)
        if len(terms) == 1:
            typed.setdefault(terms[0], token)
    words = {term: word for term, word in typed.items() if is_latin_term(term)}
    named = _named_types(positions)
    best_practice = "best_practice" in named
    types = named - {"best_practice"}
    for alternatives in positions:
        # A word that may be a place: its phonetic key meets the place's name however it
        # was written or romanised (a Bangla word by its stem: কুমিল্লার is কুমিল্লা).
        term = alternatives[0]
        word = typed.get(term, term) if term.isascii() else term
        key = key_term(word) if not word.isdigit() and " " not in word else None
        if key and key not in alternatives:
            alternatives.append(key)
    return ParsedQuery(
        text=cleaned,
        positions=positions,
        words=words,
        typed=typed,
        shortened=shortened,
        types=types,
        best_practice=best_practice,
    )


def _fiscal_years(positions):
    """A year followed by the next one ("2019-20", "২০১৯-২০", "2019-2020") is one position: the
    fiscal year, or the two numbers written together."""
    merged, i = [], 0
    while i < len(positions):
        this = positions[i][0]
        following = positions[i + 1][0] if i + 1 < len(positions) else ""
        if len(this) == 4 and this.isdigit() and following.isdigit():
            start = int(this)
            if following in (f"{(start + 1) % 100:02d}", str(start + 1)):
                merged.append([fiscal_year_term(start), f"{this} {following}"])
                i += 2
                continue
        merged.append(positions[i])
        i += 1
    return merged


def _named_types(positions) -> set[str]:
    """The kinds of document a query names, by any alternative of a position or by the terms
    of consecutive positions ("best practice", "ভালো শিখন")."""
    named = set()
    for alternatives in positions:
        named |= {_TYPE_PHRASES.get(alternative) for alternative in alternatives}
    first = [alternatives[0] for alternatives in positions]
    for size in (2, 3):
        for start in range(len(first) - size + 1):
            named.add(_TYPE_PHRASES.get(" ".join(first[start : start + size])))
    named.discard(None)
    if "best_practice" in named:
        named.add("practice")
    return named


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
