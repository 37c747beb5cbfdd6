"""Words and terms: what an index stores and a query is matched against.

A text is normalised (`text`), cut into word tokens, stripped of stop words, its compounds
split (`compounds`) and each word stemmed (`stemming`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .compounds import split_compound
from .stemming import stem_bn, stem_en
from .text import _ASCII_OR_BENGALI_RE, normalize

# Bengali-block word characters: letters, dependent vowel signs and other combining marks,
# khanda ta and the Assamese letters.  Digits (folded earlier), currency signs, fraction
# signs and the abbreviation sign are deliberately not word characters.
_BN_WORD_CLASS = "\u0980-\u09e3\u09f0\u09f1\u09fc\u09fe"
_BN_BASE_CLASS = "\u0980\u0985-\u09b9\u09bd\u09ce\u09dc-\u09e1\u09f0\u09f1\u09fc"
_BN_BASE_RE = re.compile(f"[{_BN_BASE_CLASS}]")
_BN_BASE_CHARS = frozenset(
    chr(code) for code in range(0x0980, 0x0A00) if _BN_BASE_RE.fullmatch(chr(code))
)
_BN_WORD_RE = re.compile(f"[{_BN_WORD_CLASS}]+")
_TOKEN_RE = re.compile(f"[{_BN_WORD_CLASS}]+|[a-z0-9]+")
_LATIN_WITH_MARKS_RE = re.compile("[\u00c0-\u024f\u1e00-\u1eff]+")
_COMBINING_DIACRITICS_RE = re.compile("[\u0300-\u036f]")
_APOSTROPHE_RE = re.compile("(?<=[a-z0-9])['\u2019](?=[a-z])")


def tokenize(text: str) -> list[str]:
    """Normalise *text* and split it into word tokens.

    A Bangla token is a run of Bengali-block letters together with their combining marks
    (hasanta, vowel signs, nukta, chandrabindu, anusvara, visarga) and khanda ta, so words
    and conjuncts stay whole.  A Latin token is a run of ``[a-z0-9]`` after casefolding;
    Latin diacritics are removed (``café`` → ``cafe``) and an apostrophe inside a Latin word
    is dropped (``union's`` → ``unions``).  Digits are ASCII after :func:`normalize`, so a
    digit run is a token too.  Everything else separates tokens: ``"২০২৪-২৫"`` →
    ``['2024', '25']``.  Runs consisting only of combining marks are discarded.
    """
    text = normalize(text)
    if "'" in text or "\u2019" in text:
        text = _APOSTROPHE_RE.sub("", text)
    if not _ASCII_OR_BENGALI_RE.fullmatch(text):
        text = _LATIN_WITH_MARKS_RE.sub(lambda m: unicodedata.normalize("NFKD", m.group()), text)
        text = _COMBINING_DIACRITICS_RE.sub("", text)
    return [
        token
        for token in _TOKEN_RE.findall(text)
        if token[0] <= "z" or token[0] in _BN_BASE_CHARS or _BN_BASE_RE.search(token)
    ]


def _words(text: str) -> list[str]:
    return text.split()


def _is_bangla(token: str) -> bool:
    return bool(token) and "\u0980" <= token[0] <= "\u09ff"


STOP_WORDS_BN: frozenset[str] = frozenset(
    normalize(word)
    for word in _words(
        "ও এবং বা অথবা কিন্তু তবে যদি তাহলে এ এই ওই সেই এর এটি এটা সে তা তার তাদের তারা তিনি "
        "যা যে যার যারা এক একটি কি কী না নয় আর করে করা করতে করেন হয় হয়ে হবে হলে হতে হয়েছে "
        "ছিল আছে থেকে জন্য জন্যে সঙ্গে সাথে দিয়ে নিয়ে দ্বারা মধ্যে উপর পর আগে প্রতি "
        # The words of a question rather than of its subject: what people type into search.
        "কোন কোনো কোথায় কীভাবে কিভাবে কেন কত কখন কারা কাদের সম্পর্কে বিষয়ে চাই দেখান "
        "খুঁজুন সাল সালে সালের সন"
    )
)
"""Very common Bangla function words, in :func:`normalize` form, dropped by :func:`analyze`."""

STOP_WORDS_EN: frozenset[str] = frozenset(
    # The Lucene English list without "it", which in this corpus usually means IT.
    _words(
        "a an and are as at be but by for from if in into is no not of on or such that the "
        "their then there these they this to was were will with "
        # Question words.
        "what how which where when who why about do does did can i we my our me any"
    )
)
"""Very common English function words (casefolded), dropped by :func:`analyze`."""


@lru_cache(maxsize=65536)
def _analyze_token(token: str) -> tuple[str, ...]:
    if token.isdigit():
        return (token,)
    if _is_bangla(token):
        if token in STOP_WORDS_BN:
            return ()
        # Inflections come off the whole word first (নারীবান্ধবদের → নারীবান্ধব), then
        # the compound is cut and each part stemmed (নারী, বান্ধব).
        parts = split_compound(stem_bn(token))
        return tuple(stem_bn(part) for part in parts) if len(parts) > 1 else parts
    if token in STOP_WORDS_EN:
        return ()
    return tuple(stem_en(part) for part in split_compound(token))


def analyze(text: str) -> list[str]:
    """Turn *text* into index terms: normalise, tokenise, drop stop words, split compounds,
    stem.

    Bangla tokens go through :func:`stem_bn`, Latin tokens through :func:`stem_en`, digit
    runs are kept as they are; a compound written as one word gives the terms of its parts
    (:func:`split_compound`).  Documents are indexed and queries are searched with the
    output of this function, so both sides always agree.

    >>> analyze("উপজেলাগুলোতে আর্সেনিকের Workshops")
    ['উপজেলা', 'আর্সেনিক', 'workshop']
    >>> analyze("আর্সেনিকমুক্ত") == analyze("আর্সেনিক মুক্ত")
    True
    """
    terms = []
    for token in tokenize(text):
        terms.extend(_analyze_token(token))
    return terms


def analyzed_text(text: str) -> str:
    """Return ``' '.join(analyze(text))``, the form stored in the search index."""
    return " ".join(analyze(text))


# Raw word runs in unnormalised text: Bengali block (letters, marks, digits), any other letter or
# digit, joiners and in-word apostrophes.  Used to find where terms occur in the original text.
_RAW_WORD_RE = re.compile("(?:[\u0980-\u09ff\u200c\u200d]|[^\\W_]|['\u2019](?=\\w))+")


def word_spans(text: str) -> Iterable[tuple[int, int, str]]:
    """Yield ``(start, end, term)`` for every word of *text* that :func:`analyze` keeps.

    Offsets refer to *text* as given (not normalised), so the original words can be marked
    up, e.g. to highlight the words a query found.  A raw word that analyses to several terms
    (``"২০২৪-২৫"`` is two raw words, but ``"a.b"`` is two as well) yields one span per term,
    all with the raw word's offsets.
    """
    for match in _RAW_WORD_RE.finditer(text):
        for term in _word_terms(match.group()):
            yield match.start(), match.end(), term


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> tuple[str, ...]:
    # Texts repeat their words, and highlighting looks at every word it shows.
    return tuple(analyze(word))
