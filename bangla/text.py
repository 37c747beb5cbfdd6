"""Normalising Bangla and Latin text and its digits: one spelling per word, ASCII digits inside."""

from __future__ import annotations

import re
import unicodedata

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
