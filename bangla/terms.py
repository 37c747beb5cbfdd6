"""Words, stems and terms: what an index stores and a query is matched against."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import snowballstemmer

from .text import _ASCII_OR_BENGALI_RE, _CHANDRABINDU, _VIRAMA, normalize

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

_DEPENDENT_VOWELS = frozenset(
    "\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c4\u09c7\u09c8\u09cb\u09cc\u09e2\u09e3"
)
_INDEPENDENT_VOWELS = frozenset([chr(c) for c in range(0x0985, 0x0995)] + ["\u09e0", "\u09e1"])


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


def _is_bangla(token: str) -> bool:
    return bool(token) and "\u0980" <= token[0] <= "\u09ff"


def _base_count(text: str) -> int:
    return len(_BN_BASE_RE.findall(text))


def _ends_in_vowel(stem: str) -> bool:
    stem = stem.rstrip(_CHANDRABINDU)
    return bool(stem) and (stem[-1] in _DEPENDENT_VOWELS or stem[-1] in _INDEPENDENT_VOWELS)


def _may_strip_any(stem: str) -> bool:
    # A stem ending in hasanta means the "suffix" is really the second half of a conjunct.
    return _base_count(stem) >= 2 and not stem.endswith(_VIRAMA)


def _may_strip_after_vowel(stem: str) -> bool:
    return _may_strip_any(stem) and _ends_in_vowel(stem)


def _may_strip_object(stem: str) -> bool:
    # -কে after a consonant is ambiguous with locative -ে on a word ending in ক (সড়কে,
    # ব্যাংকে); only longer stems (রহিমকে, পরিষদকে) are taken to carry the object marker.
    return _may_strip_any(stem) and (_ends_in_vowel(stem) or _base_count(stem) >= 3)


_CLASSIFIERS_AFTER_VOWEL = ("গুলো", "গুলি", "টি", "টা", "খানা", "খানি")
_CLASSIFIERS_AFTER_CONSONANT = ("সমূহ", "গণ", "বৃন্দ")


def _suffix_table() -> list[tuple[str, Callable[[str], bool]]]:
    rules: list[tuple[str, Callable[[str], bool]]] = [
        ("র", _may_strip_after_vowel),
        ("য়", _may_strip_after_vowel),
        ("তে", _may_strip_after_vowel),
        ("কে", _may_strip_object),
        ("ের", _may_strip_any),
        ("এর", _may_strip_any),
        ("ে", _may_strip_any),
        ("এ", _may_strip_any),
        ("রা", _may_strip_any),
        ("েরা", _may_strip_any),
        ("দের", _may_strip_any),
        ("দেরকে", _may_strip_any),
    ]
    # Classifier + case combinations are listed whole so that one round removes both and
    # the second round stays available for a word that itself ends like a suffix
    # (সরকারগুলোর → সরকার → সরকা, the same stem as সরকার).
    for classifier in _CLASSIFIERS_AFTER_VOWEL:
        rules.append((classifier, _may_strip_any))
        rules.extend((classifier + case, _may_strip_any) for case in ("র", "কে", "তে", "য়"))
    for classifier in _CLASSIFIERS_AFTER_CONSONANT:
        rules.append((classifier, _may_strip_any))
        rules.extend((classifier + case, _may_strip_any) for case in ("ের", "কে", "ে"))
    normalized = {normalize(suffix): check for suffix, check in rules}
    return sorted(normalized.items(), key=lambda item: len(item[0]), reverse=True)


_BN_SUFFIXES = _suffix_table()
_STEM_ROUNDS = 2


def _words(text: str) -> list[str]:
    return text.split()


# Words whose own ending looks like a suffix and where the longest-suffix rule would give
# the bare and the inflected word different terms (পরিষদ but পরিষ-দের, আর্সেনিক but
# আর্সেনি-কে) or needlessly mangle a very common word (কমিটি).  When one of the candidate
# stems is listed it wins, and a listed word is never stripped further.
_PROTECTED_STEMS_BN = frozenset(
    normalize(word)
    for word in _words("পরিষদ সম্পদ বিপদ সংসদ সনদ মসজিদ উদ্ভিদ কমিটি আর্সেনিক ক্লিনিক নাগরিক শিক্ষক")
)


@lru_cache(maxsize=65536)
def stem_bn(word: str) -> str:
    """Strip common Bangla inflectional suffixes from a single word, conservatively.

    Handles case endings (-র/-ের/-এর genitive, -কে object, -তে/-য়/-ে/-এ locative), plurals
    (-রা, -েরা, -দের, -গুলো, -গুলি, -সমূহ, -গণ, -বৃন্দ) and classifiers (-টি, -টা, -খানা,
    -খানি) including their combinations (-গুলোতে, -টির, -সমূহের …).  Each round removes
    the longest suffix whose condition holds, for at most two rounds:

    * the stem keeps at least two base letters (consonants or independent vowels; vowel
      signs and other marks do not count), so ``কর`` and ``এর`` stay as they are;
    * the stem never ends in hasanta, so conjuncts (পরিপত্র, ঘণ্টা) are not cut;
    * -র, -য় and -তে only follow a vowel (কর্মশালার, কর্মশালায়, জমিতে), so সুন্দর,
      বিষয় and রাতে keep their last consonant.

    A short list of words whose own ending looks like a suffix (পরিষদ, কমিটি, আর্সেনিক …)
    is kept whole.  A trailing hasanta (শাহ্) is dropped first.  The result is an index
    term, not necessarily a dictionary word; what matters is that the inflected forms of one
    word get the same term (সরকার and সরকারের both become সরকা).
    """
    word = normalize(word)
    if not _BN_WORD_RE.fullmatch(word):
        return word
    word = word.rstrip(_VIRAMA)
    for _ in range(_STEM_ROUNDS):
        if word in _PROTECTED_STEMS_BN:
            break
        candidates = [
            word[: -len(suffix)]
            for suffix, may_strip in _BN_SUFFIXES
            if word.endswith(suffix) and may_strip(word[: -len(suffix)])
        ]
        if not candidates:
            break
        word = next((stem for stem in candidates if stem in _PROTECTED_STEMS_BN), candidates[0])
    return word


_EN_STEMMER = snowballstemmer.stemmer("english")
# Snowball stemmer objects keep per-call state, so they must not be shared between threads
# without serialising access.
_EN_STEMMER_LOCK = threading.Lock()


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """Stem an English word with the Snowball (Porter 2) English stemmer.

    The word is casefolded first; ``'Disabilities'`` and ``'disability'`` both give
    ``'disabl'``.
    """
    with _EN_STEMMER_LOCK:
        return _EN_STEMMER.stemWord(word.casefold())


STOP_WORDS_BN: frozenset[str] = frozenset(
    normalize(word)
    for word in _words(
        "ও এবং বা অথবা কিন্তু তবে যদি তাহলে এ এই ওই সেই এর এটি এটা সে তা তার তাদের তারা তিনি "
        "যা যে যার যারা এক একটি কি কী না নয় আর করে করা করতে করেন হয় হয়ে হবে হলে হতে হয়েছে "
        "ছিল আছে থেকে জন্য জন্যে সঙ্গে সাথে দিয়ে নিয়ে দ্বারা মধ্যে উপর পর আগে প্রতি"
    )
)
"""Very common Bangla function words, in :func:`normalize` form, dropped by :func:`analyze`."""

STOP_WORDS_EN: frozenset[str] = frozenset(
    # The Lucene English list without "it", which in this corpus usually means IT.
    _words(
        "a an and are as at be but by for from if in into is no not of on or such that the "
        "their then there these they this to was were will with"
    )
)
"""Very common English function words (casefolded), dropped by :func:`analyze`."""


def _analyze_token(token: str) -> str | None:
    if _is_bangla(token):
        return None if token in STOP_WORDS_BN else stem_bn(token)
    if token.isdigit():
        return token
    return None if token in STOP_WORDS_EN else stem_en(token)


def analyze(text: str) -> list[str]:
    """Turn *text* into index terms: normalise, tokenise, drop stop words, stem.

    Bangla tokens go through :func:`stem_bn`, Latin tokens through :func:`stem_en`, digit
    runs are kept as they are.  Documents are indexed and queries are searched with the
    output of this function, so both sides always agree.

    >>> analyze("উপজেলাগুলোতে আর্সেনিকের Workshops")
    ['উপজেলা', 'আর্সেনিক', 'workshop']
    """
    terms = []
    for token in tokenize(text):
        term = _analyze_token(token)
        if term:
            terms.append(term)
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


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance between *a* and *b*, or ``limit + 1`` once it exceeds *limit*.

    Works on code points, so a Bangla vowel sign counts as one edit.  The early exit keeps
    comparing a word against a whole vocabulary cheap.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)
