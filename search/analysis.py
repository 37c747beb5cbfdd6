"""Bangla-aware text analysis shared by indexing, querying and the registry.

The search backends (Elasticsearch with only core analysis, SQLite FTS5, PostgreSQL full
text) cannot analyse Bangla themselves, so everything they index or are asked for is first
passed through :func:`analyze` here and stored as plain space-separated terms.  Indexing and
querying must therefore use exactly the same functions, otherwise terms will not meet.

Pure Python on purpose: no Django import, so it can be used from migrations, management
commands and tests without settings.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import Any

import snowballstemmer

__all__ = [
    "STOP_WORDS_BN",
    "STOP_WORDS_EN",
    "Glossary",
    "analyze",
    "analyze_query",
    "analyzed_text",
    "build_glossary",
    "edit_distance",
    "fold_digits",
    "format_lakh",
    "name_key",
    "normalize",
    "parse_number",
    "sanitize_query",
    "stem_bn",
    "stem_en",
    "to_bangla_digits",
    "tokenize",
    "word_spans",
]

_VIRAMA = "\u09cd"
_NUKTA = "\u09bc"
_CHANDRABINDU = "\u0981"
_VISARGA = "\u0983"
_ZWJ = "\u200d"

# U+09DC/09DD/09DF are composition exclusions, so NFC always yields base + nukta; the
# explicit table keeps that canonical form even if the text skipped NFC somewhere.
_NUKTA_FORMS = {
    "\u09dc": "\u09a1" + _NUKTA,
    "\u09dd": "\u09a2" + _NUKTA,
    "\u09df": "\u09af" + _NUKTA,
}
_NUKTA_RE = re.compile("[\u09dc\u09dd\u09df]")

# Before Unicode 4.1 khanda ta was encoded as ta + virama + ZWJ; dropping the ZWJ alone
# would turn it into a conjunct-forming ta and split one word into two spellings.
_LEGACY_KHANDA_TA = "\u09a4" + _VIRAMA + _ZWJ

_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Default-ignorable marks that are not format characters but would still split a word.
_EXTRA_IGNORABLES = frozenset({"\u034f", *map(chr, range(0xFE00, 0xFE10))})

_DIGIT_RE = re.compile(r"\d")
_TO_BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")

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


def normalize(text: str) -> str:
    """Return *text* in the canonical form every other function works on.

    Applies, in order: legacy khanda-ta repair (ta + hasanta + ZWJ becomes ``ৎ``); removal
    of control and format characters (ZWJ, ZWNJ, bidi marks, soft hyphen, BOM, zero-width
    space, variation selectors; tabs and newlines count as whitespace); casefolding (affects
    Latin and other cased scripts only); Unicode NFC, with one canonical nukta form (base
    letter + U+09BC for ড় ঢ় য়); folding of every Unicode decimal digit to ASCII; and
    collapsing whitespace runs into a single space, with the ends stripped.

    Punctuation, the danda and all letters are kept; splitting into words is left to
    :func:`tokenize`.  ZWNJ/ZWJ only ever occur inside a word (a hasanta-ending word such as
    ``শাহ্‌`` is still followed by a real space), so removing them cannot join two words.
    """
    if text.isascii() and text.isprintable():
        # Codes, numbers, dates and English labels: nothing but case and spaces to fold.
        return " ".join(text.lower().split())
    text = text.replace(_LEGACY_KHANDA_TA, "\u09ce")
    # Whitespace first, so that tabs and newlines (category Cc) become separators instead
    # of being deleted and gluing words together.
    text = " ".join(text.split())
    if not text.isprintable():
        text = "".join(
            ch
            for ch in text
            if unicodedata.category(ch) not in _REMOVED_CATEGORIES and ch not in _EXTRA_IGNORABLES
        )
    # NFC only after the removal: a deleted character may have separated the two halves of
    # a vowel sign (ে + া → ো) that must now compose.
    text = _nfc(text.casefold())
    if any(letter in text for letter in _NUKTA_FORMS):
        text = _NUKTA_RE.sub(lambda m: _NUKTA_FORMS[m.group()], text)
    # str.split() splits at exactly the characters \s matches, and strips the ends.
    return " ".join(fold_digits(text).split())


_ASCII_OR_BENGALI_RE = re.compile("[\x00-\x7f\u0980-\u09ff]*")
# Combining marks of the Bengali block with a non-zero combining class, which NFC sorts.
_BN_CANONICAL_CLASS = {
    chr(code): unicodedata.combining(chr(code))
    for code in range(0x0980, 0x0A00)
    if unicodedata.combining(chr(code))
}
_BN_MARK_RUN_RE = re.compile(f"[{''.join(_BN_CANONICAL_CLASS)}]{{2,}}")
_BN_MARK_PAIRS = tuple(a + b for a in _BN_CANONICAL_CLASS for b in _BN_CANONICAL_CLASS)


def _nfc(text: str) -> str:
    # unicodedata's NFC check alone costs more than all the rest of the analysis for Bangla
    # text (every vowel sign is a "maybe"). For text of ASCII and the Bengali block, NFC
    # comes down to: precomposed nukta letters decompose (they are composition exclusions),
    # runs of nukta and hasanta are sorted by combining class, and e-kar + aa-kar / au length
    # mark compose to o-kar / au-kar.
    if not _ASCII_OR_BENGALI_RE.fullmatch(text):
        return unicodedata.normalize("NFC", text)
    # `in` is far faster than a regex search over non-ASCII text.
    if any(letter in text for letter in _NUKTA_FORMS):
        text = _NUKTA_RE.sub(lambda m: _NUKTA_FORMS[m.group()], text)
    if any(pair in text for pair in _BN_MARK_PAIRS):
        text = _BN_MARK_RUN_RE.sub(
            lambda m: "".join(sorted(m.group(), key=_BN_CANONICAL_CLASS.__getitem__)), text
        )
    if "\u09c7" in text:
        text = text.replace("\u09c7\u09be", "\u09cb").replace("\u09c7\u09d7", "\u09cc")
    return text


def fold_digits(text: str) -> str:
    """Replace Bangla digits (and any other Unicode decimal digit) with ASCII ``0``–``9``.

    >>> fold_digits("২০২৪ সাল")
    '2024 সাল'
    """
    if text.isascii():
        return text
    # Scanning for any digit is much faster than for "a digit that is not ASCII"; ASCII
    # digits map to themselves.
    return _DIGIT_RE.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def to_bangla_digits(text: str) -> str:
    """Replace ASCII digits with Bangla digits, for display.  Everything else is unchanged.

    >>> to_bangla_digits("12,345")
    '১২,৩৪৫'
    """
    return text.translate(_TO_BANGLA_DIGITS)


# --- numbers --------------------------------------------------------------------------

_CURRENCY = r"(?:৳|tk\.?|bdt|টাকা)"
_INTEGER_PART = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+"  # western: 1,234,567
    r"|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}"  # South Asian: 12,34,567
    r"|[0-9]+)"
)
_NUMBER_RE = re.compile(
    rf"(?P<cur1>{_CURRENCY})?\s?"
    r"(?P<sign>[-\u2212])?\s?"
    rf"(?P<cur2>{_CURRENCY})?\s?"
    rf"(?P<int>{_INTEGER_PART})?(?P<frac>\.[0-9]+)?"
    # "৫০০/-" is the customary way of writing a whole amount of money.
    r"(?:\s?/-)?"
    rf"(?:\s?(?P<cur3>{_CURRENCY}))?"
)


def parse_number(text: str) -> Decimal:
    """Parse a number written with Bangla or ASCII digits into a :class:`~decimal.Decimal`.

    Accepted: surrounding whitespace; digits with no grouping, western grouping
    (``1,234,567``) or South Asian lakh/crore grouping (``12,34,567``); an optional decimal
    part; an optional leading minus (``-`` or ``−``); at most one currency marker ``টাকা``,
    ``Tk``/``Tk.``, ``BDT`` or ``৳`` before or after the number; and the customary ``/-``
    after a whole amount.

    :raises ValueError: for anything else (``'12a'``, ``'1,2,,3'``, ``''``, ``'১২.৩.৪'``);
        the message contains ``repr(text)``.
    :raises TypeError: if *text* is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() expects a string, got {type(text).__name__}")
    match = _NUMBER_RE.fullmatch(normalize(text))
    if (
        match is None
        or (match["int"] is None and match["frac"] is None)
        or sum(match[g] is not None for g in ("cur1", "cur2", "cur3")) > 1
    ):
        raise ValueError(f"Not a valid number: {text!r}")
    digits = (match["int"] or "0").replace(",", "") + (match["frac"] or "")
    value = Decimal(digits)
    if match["sign"] and value:
        # copy_negate() is exact; unary minus would round to the context's precision.
        value = value.copy_negate()
    return value


def format_lakh(value: int | float | Decimal, bangla_digits: bool = False) -> str:
    """Format *value* with South Asian digit grouping: ``1234567`` → ``'12,34,567'``.

    Integral values are shown without decimals; other values are rounded half-up to two
    decimal places (``12345678.5`` → ``'1,23,45,678.50'``).  Negative values get a leading
    ``-``.  With *bangla_digits* the digits are Bangla (``'১২,৩৪,৫৬৭'``); the comma and the
    decimal point stay ASCII, which is what :func:`parse_number` reads back.

    :raises ValueError: for NaN or infinite values.
    :raises TypeError: if *value* is not a number.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"format_lakh() expects a number, got {type(value).__name__}")
    # str() first so that 0.1 means 0.1 and not its binary approximation.
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"Cannot format a non-finite number: {value!r}")
    # copy_abs() rather than abs(): arithmetic would round to the context's 28 digits.
    magnitude = number.copy_abs()
    negative = number < 0
    if magnitude == magnitude.to_integral_value():
        # "f" spells out exponent forms such as Decimal("1E+3").
        integer, fraction = format(magnitude.to_integral_value(), "f"), ""
    else:
        with localcontext() as context:
            # quantize() refuses results with more digits than the context's precision.
            context.prec = max(context.prec, magnitude.adjusted() + 4)
            rounded = magnitude.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        integer, fraction = f"{rounded:f}".split(".")
        fraction = "." + fraction
        # Rounding can reach zero (e.g. -0.001); a "-0.00" would only confuse readers.
        negative = negative and bool(rounded)
    head, tail = integer[:-3], integer[-3:]
    groups = []
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    formatted = ",".join([*groups, tail]) + fraction
    if negative:
        formatted = "-" + formatted
    return to_bangla_digits(formatted) if bangla_digits else formatted


# --- tokens and stemming ------------------------------------------------------------


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


# --- queries ------------------------------------------------------------------------


Glossary = Mapping[tuple[str, ...], tuple[str, ...]]
"""Analysed glossary: phrase terms → alternatives (space-joined terms), see build_glossary."""


def build_glossary(groups: Iterable[Iterable[str]]) -> Glossary:
    """Analyse glossary *groups* once, for repeated use with :func:`analyze_query`.

    Each group is an iterable of equivalent phrases (``['UDCC', 'ইউডিসিসি', 'ইউনিয়ন
    উন্নয়ন সমন্বয় কমিটি']``).  The result maps every analysed phrase (a tuple of terms) to
    the analysed forms of all phrases of its group(s), each written as its terms joined by
    one space, the phrase itself first.  Phrases that analyse to nothing (only stop words
    or punctuation) are ignored.  A phrase that appears in several groups gets the union.
    """
    glossary: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        phrases = [group] if isinstance(group, str) else list(group)
        analysed = [tuple(analyze(phrase)) for phrase in phrases]
        analysed = [terms for terms in analysed if terms]
        forms = list(dict.fromkeys(" ".join(terms) for terms in analysed))
        for terms in analysed:
            alternatives = glossary.setdefault(terms, [" ".join(terms)])
            alternatives.extend(form for form in forms if form not in alternatives)
    return {terms: tuple(alternatives) for terms, alternatives in glossary.items()}


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


# --- person names -------------------------------------------------------------------

_NAME_FOLDS = str.maketrans(
    {
        "ী": "ি",
        "ূ": "ু",
        "ঈ": "ই",
        "ঊ": "উ",
        "ণ": "ন",
        "শ": "স",
        "ষ": "স",
        "ৎ": "ত",
        "ঙ": "ং",
        _VIRAMA: None,
        _CHANDRABINDU: None,
    }
)
# য is folded to জ only where it is the consonant itself: not in য-ফলা (after hasanta) and
# not in য় (before nukta), which sound different.
_YA_RE = re.compile(f"(?<!{_VIRAMA})\u09af(?!{_NUKTA})")
_RRA_RE = re.compile(f"[\u09a1\u09a2]{_NUKTA}")


def _fold_name(text: str) -> str:
    text = normalize(text).replace(_VISARGA, " ")
    text = _YA_RE.sub("জ", text)
    text = _RRA_RE.sub("র", text)
    return text.translate(_NAME_FOLDS)


_HONORIFICS = frozenset(
    token
    for word in _words(
        "মোঃ মো মোহাঃ মুহাঃ মুঃ মোহাম্মদ মোহাম্মাদ মুহাম্মদ মুহাম্মাদ মোহম্মদ মুহম্মদ "
        "মোছাঃ মোসাঃ মোছা মোসা মোসাম্মৎ মোছাম্মৎ মোসাম্মত মোছাম্মত মোসাম্মাৎ মোছাম্মাৎ "
        "মোসাম্মাত মোছাম্মাত জনাব মিসেস মিস্টার মিঃ শ্রী শ্রীমতি শ্রীমতী শ্রীমান শ্রীযুক্ত ডাঃ ডা ড "
        "ডক্টর আলহাজ্ব আলহাজ আলহাজ্জ মরহুম মরহুমা মাওলানা মৌলানা অধ্যাপক প্রফেসর প্রকৌশলী "
        "ইঞ্জিনিয়ার অ্যাডভোকেট এডভোকেট ব্যারিস্টার "
        "md mohd mohammad mohammed muhammad mohamed mst most mosammat mosammet mosamat "
        "mossammat mr mrs ms miss dr prof engr adv advocate barrister alhaj alhaz alhajj "
        "late sri shri sree srimati shrimati janab"
    )
    for token in tokenize(_fold_name(word))
)


def name_key(name: str) -> str:
    """Return a loose matching key for a person's name (Bangla or Latin transliteration).

    The name is normalised, punctuation (including the dot and the visarga used as an
    abbreviation mark in ``মোঃ``) separates words, honorifics and titles (মোঃ, মোছাঃ,
    মোসাম্মৎ, মোহাম্মদ, জনাব, শ্রী, শ্রীমতি, ডাঃ, Md., Mst., Mr., Mrs., Dr. …) are dropped,
    and common Bangla spelling variants are folded: ী/ি, ূ/ু, ঈ/ই, ঊ/উ, ণ/ন, শ/ষ/স, য/জ,
    ড়/ঢ়/র, ৎ/ত, ঙ/ং, and hasanta and chandrabindu are ignored.  The remaining words are
    joined by single spaces, so ``'মোঃ আব্দুর রহিম'`` and ``'মো. আবদুর রহীম'`` give the
    same key.  The key is for finding likely duplicates, not for display.  If the name
    consists only of honorifics, they are kept rather than returning an empty key.
    """
    # Folding never reaches across whitespace, so each word is folded once and remembered:
    # a union's list repeats the same given names and family names on row after row.
    tokens = [token for word in name.split() for token in _name_word_tokens(word)]
    kept = [token for token in tokens if token not in _HONORIFICS]
    return " ".join(kept or tokens)


@lru_cache(maxsize=32768)
def _name_word_tokens(word: str) -> tuple[str, ...]:
    return tuple(tokenize(_fold_name(word)))
