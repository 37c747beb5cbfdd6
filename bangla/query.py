"""Search queries: cleaning what a user typed, and its positions with their alternatives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .glossary import Glossary, build_glossary
from .terms import analyze
from .text import normalize


def analyze_query(
    text: str, glossary: Iterable[Iterable[str]] | Glossary | None = None
) -> list[list[str]]:
    """Analyse a search query into positions, each with its alternative terms.

    The query is analysed like a document (:func:`analyze`).  Without a glossary every
    term is its own position: ``[['কর্মশালা'], ['ইউনিয়ন']]``.

    With a *glossary* (groups of equivalent phrases, or the result of
    :func:`build_glossary`), the analysed query is scanned left to right and at each
    position the longest glossary phrase that matches the following terms is taken; that
    span becomes one position whose alternatives are the span itself followed by the other
    phrases of its group.  Matching compares analysed forms, so inflected query words find
    their glossary entry (``আর্সেনিকের`` → ``['আর্সেনিক', 'arsenic']``).  An alternative of
    several terms is a single string with the terms joined by one space, e.g. ``'UDCC'`` →
    ``[['udcc', 'ইউডিসিসি', 'ইউনিয়ন উন্নয়ন সমন্বয় কমিটি']]``.  Callers typically OR the
    alternatives of a position and AND the positions.

    A *glossary* passed as a mapping must come from :func:`build_glossary`; any other
    iterable is taken as raw groups and analysed on every call.
    """
    terms = analyze(text)
    if glossary is None:
        return [[term] for term in terms]
    if not isinstance(glossary, Mapping):
        glossary = build_glossary(glossary)
    longest = max((len(phrase) for phrase in glossary), default=0)
    positions: list[list[str]] = []
    i = 0
    while i < len(terms):
        for size in range(min(longest, len(terms) - i), 0, -1):
            alternatives = glossary.get(tuple(terms[i : i + size]))
            if alternatives:
                positions.append(list(alternatives))
                i += size
                break
        else:
            positions.append([terms[i]])
            i += 1
    return positions


def sanitize_query(text: Any, max_length: int = 256) -> str:
    """Make arbitrary user input safe to analyse; never raises.

    Non-string input becomes text (``None`` → ``''``, bytes decoded as UTF-8 with
    replacement), the result is :func:`normalize`\\ d (which removes control and format
    characters and lone surrogates) and then cut to at most *max_length* characters,
    preferably at a space so that no half word is searched for.
    """
    try:
        if text is None:
            return ""
        if isinstance(text, bytes | bytearray):
            text = bytes(text).decode("utf-8", errors="replace")
        elif not isinstance(text, str):
            text = str(text)
        max_length = max(int(max_length), 0)
        # Bound the work on hostile input; normalisation rarely grows text by much.
        text = normalize(text[: max_length * 4 + 64])
        if len(text) > max_length:
            cut = text[:max_length]
            if not text[max_length].isspace() and " " in cut:
                cut = cut[: cut.rfind(" ")]
            text = cut.strip()
        return text
    except Exception:
        return ""
