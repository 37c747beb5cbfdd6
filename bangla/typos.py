"""Typo candidates: the words an index holds that a mistyped query word most likely meant.

The vocabulary (every indexed term with the number of documents that have it) is the
caller's; this module ranks its terms by edit distance to the typed term (RapidFuzz's
Levenshtein, in C) and then by how common they are, and refuses a "correction" that swaps one
known Bangla morpheme for another (আর্সেনিকযুক্ত is not a typo for আর্সেনিকমুক্ত: "with" and
"free of" are opposites), or one English word for a different word that happens to be near it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from .compounds import BN_TAILS
from .text import normalize
from .transliterate import KEY_PREFIX


def _words(text: str) -> list[str]:
    return text.split()


# Bangla prefixes and tails that change a word's meaning: a candidate that differs from the
# typed word only by trading one of these for another (or adding or dropping one) is another
# word, not a spelling of it.
_BN_MORPHEMES = tuple(
    sorted(
        {
            *BN_TAILS,
            *(
                normalize(morpheme)
                for morpheme in _words(
                    "অ স অন অপ নি নির নিঃ বি সু কু প্র পরা অব উপ প্রতি অনু সম সহ হীন মুক্ত যুক্ত সহ পূর্ণ"
                )
            ),
        },
        key=len,
        reverse=True,
    )
)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance between *a* and *b*, or ``limit + 1`` once it exceeds *limit*.

    Works on code points, so a Bangla vowel sign counts as one edit.
    """
    return Levenshtein.distance(a, b, score_cutoff=limit)


def max_edits(term: str) -> int:
    """How many edits a typo of *term* may have: none below 3 letters, one up to 5, two from 6
    (short words have too many near neighbours for more)."""
    if len(term) < 3 or term.isdigit():
        return 0
    return 1 if len(term) < 6 else 2


def is_morpheme(term: str) -> bool:
    """Whether a term is a Bangla prefix or tail whose near spellings are other morphemes
    (যুক্ত, মুক্ত), so it must never be matched fuzzily."""
    return term in _BN_MORPHEMES


def swaps_morpheme(typed: str, candidate: str) -> bool:
    """Whether *candidate* is *typed* with one meaningful Bangla prefix or tail exchanged for
    another, added or dropped (``আর্সেনিকযুক্ত`` / ``আর্সেনিকমুক্ত``, ``সচেতন`` /
    ``অচেতন``), so it must not be offered as a correction."""
    if typed.isascii() or candidate.isascii():
        return False
    if typed in _BN_MORPHEMES and candidate in _BN_MORPHEMES:
        return True
    for a, b in ((typed, candidate), (candidate, typed)):
        for morpheme in _BN_MORPHEMES:
            # Same stem, different (or no) tail; same word, different (or no) prefix.
            if a.endswith(morpheme):
                stem = a[: -len(morpheme)]
                if len(stem) >= 2 and b.startswith(stem) and b != a:
                    rest = b[len(stem) :]
                    if not rest or rest in _BN_MORPHEMES:
                        return True
            if a.startswith(morpheme):
                body = a[len(morpheme) :]
                if len(body) >= 3 and b.endswith(body) and b != a:
                    rest = b[: -len(body)]
                    if not rest or rest in _BN_MORPHEMES:
                        return True
    return False


def candidates(
    term: str,
    vocabulary: Mapping[str, int] | Sequence[str],
    limit: int = 3,
    typed: str | None = None,
) -> list[str]:
    """The terms of *vocabulary* that *term* (an analysed query term no document has) was most
    likely meant to be, best first: the fewest edits (at most :func:`max_edits`), then the
    most documents, then alphabetical.  A Bangla term only meets Bangla terms and an English
    one English terms; morpheme swaps (:func:`swaps_morpheme`) are never offered.

    A misspelt ending can change what the stemmer leaves of a word (``sanitatoin`` stays
    whole, ``sanitation`` becomes ``sanit``), so a known term of four or more letters that the
    *typed* word begins with counts as one edit away.
    """
    edits = max_edits(term)
    if not edits or not vocabulary:
        return []
    typed = typed or term
    choices = vocabulary if isinstance(vocabulary, Mapping) else dict.fromkeys(vocabulary, 1)
    found = extract(
        term,
        list(choices),
        scorer=Levenshtein.distance,
        score_cutoff=edits,
        limit=50,
    )
    ranked = {}
    for candidate, distance, _index in found:
        if candidate != term:
            ranked[candidate] = distance
    if term.isascii():
        for candidate in choices:
            if len(candidate) >= 4 and typed.startswith(candidate) and candidate != term:
                ranked.setdefault(candidate, 1)
    kept = [
        candidate
        for candidate in ranked
        if candidate.isascii() == term.isascii()
        and not candidate.startswith(KEY_PREFIX)
        and not swaps_morpheme(term, candidate)
    ]
    kept.sort(key=lambda candidate: (ranked[candidate], -choices[candidate], candidate))
    return kept[:limit]
