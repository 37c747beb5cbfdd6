"""Latin spellings of Bangla text: readable ones for addresses, and phonetic keys for places.

:func:`latin` spells Bangla text for a page address: "নলকূপ স্থাপন" → "nalakup sthapan". The
letters are spelt by indic-transliteration's ITRANS scheme; two habits of Bangla speech are
then applied so the result reads as people say the words: ব is "b" (Sanskrit's "v" is not
Bangla), and a word's last consonant carries no inherent vowel ("নলকূপ" is "nalakup", not
"nalakupa") unless it bears a য-ফলা ("বর্জ্য" stays "barjya").

:func:`phonetic_key` reduces a Latin or Bangla word to a key of its consonant sounds, so that
the romanisations of one area name (Cumilla, Comilla, Kumilla) and the name in Bangla
(কুমিল্লা) share a key. Keys are indexed for the place names of a document only, and a query
word's key is one more alternative of that word. Measured over the 5,091 divisions, districts,
upazilas and unions in `places/data/geo`, the key of the Bangla name equals the key of the
official English name for 95 names in 100 (tests/bangla/test_transliterate.py holds the floor).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from indic_transliteration import sanscript

from .text import fold_digits, normalize

# The nukta letters are spelt as the sounds they stand for: য় as য, ড় and ঢ় as র.
_NUKTA = {
    "\u09df": "\u09af",  # য়
    "\u09af\u09bc": "\u09af",  # য + nukta
    "\u09dc": "\u09b0",  # ড়
    "\u09a1\u09bc": "\u09b0",  # ড + nukta
    "\u09dd": "\u09b0",  # ঢ়
    "\u09a2\u09bc": "\u09b0",  # ঢ + nukta
}
_CONSONANTS = "bcdfghjklmnpqrstvwxyzDNTLRSM"
_LATIN_RUN = re.compile(r"[A-Za-z.~]+|[^A-Za-z.~]+")
_BANGLA_RUN = re.compile(r"([\u0980-\u09ff]+)")


def _spoken_ending(word: str) -> str:
    """`word` (ITRANS) without its last inherent vowel, where Bangla speech drops it."""
    if len(word) < 3 or not word.endswith("a") or word[-2] not in _CONSONANTS:
        return word
    stem = word[:-1]
    if stem.endswith("y") and len(stem) > 1 and stem[-2] in _CONSONANTS:
        return word  # a য-ফলা keeps its vowel: "barjya", "sbasthya"
    return stem


def latin(text: str) -> str:
    """Bangla (or mixed) text spelt in Latin letters, lower case, digits ASCII."""
    text = unicodedata.normalize("NFC", fold_digits(text))
    for letter, spoken in _NUKTA.items():
        text = text.replace(letter, spoken)
    return "".join(
        _spell(run) if _BANGLA_RUN.fullmatch(run) else run.lower()
        for run in _BANGLA_RUN.split(text)
        if run
    )


def _spell(bangla: str) -> str:
    spelt = sanscript.transliterate(bangla, sanscript.BENGALI, sanscript.ITRANS)
    words = []
    for match in _LATIN_RUN.finditer(spelt):
        word = match.group()
        if word[0].isalpha():
            # ITRANS writes া as "A": only a lower-case final "a" is the inherent vowel.
            word = _spoken_ending(word)
            word = word.replace(".N", "n").replace("RRi", "ri").replace("~N", "n")
            word = word.replace(".", "").lower().replace("v", "b").replace("chch", "cch")
        words.append(word)
    return "".join(words)


KEY_PREFIX = "xq"
"""Index terms made of a key start with this, so they never meet an ordinary word."""

_BN_BEFORE = (
    ("\u09a1\u09bc", "র"),  # ড় is romanised r
    ("\u09a2\u09bc", "র"),  # ঢ়
    ("\u09af\u09bc", "ইয়"),  # য় (antastha a) is a glide: y
    ("ং", "ন"),  # both said ng, which English names write n before a consonant (Rangpur)
    ("ঙ", "ন"),
    ("ঁ", "ন"),  # চন্দ্রবিন্দু is written n (গাঁও → gaon, পাঁচ → panch)
    ("চ", "ছ"),  # both ch: a bare c in English names is k (Cumilla)
    ("\u09cd\u09ac", ""),  # ব-ফলা is not said as b (দেবিদ্বার, Debidwar)
)
# Area names carry a direction (উত্তর গুনাইঘর, North Gunaighor; Matlab Uttar): one word for it.
_DIRECTIONS = {
    normalize(word): english
    for english, words in (
        ("north", "উত্তর uttar uttor"),
        ("south", "দক্ষিণ দক্ষিন dakshin dakkhin dokkhin dakhin"),
        ("east", "পূর্ব পুর্ব purba purbo"),
        ("west", "পশ্চিম paschim poschim pashchim"),
        ("middle", "মধ্য moddho moddhya madhya"),
    )
    for word in words.split()
}
# Letter groups that spell one sound, longest first; then vowels are dropped.
_LATIN_SOUNDS = (
    ("chh", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("ph", "p"),
    ("f", "p"),
    ("bh", "b"),
    ("v", "b"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("jh", "j"),
    ("z", "j"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("w", "o"),
    ("y", "i"),
)
_NG_RE = re.compile(r"ng(?![aeiou])")
_NOT_LATIN_RE = re.compile("[^a-z]+")
_VOWELS_RE = re.compile("[aeiou]")
_REPEATS_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def romanise(word: str) -> str:
    """A Bangla word in Latin letters for its phonetic key: :func:`latin`, after the
    adjustments that make it sound like the name's English spelling (ড় is r, ং is n, an
    initial য is j …): ``কুমিল্লা`` → ``kumilla``.

    Latin text is returned lower-cased and otherwise unchanged.
    """
    word = normalize(word)
    if word in _DIRECTIONS:
        return _DIRECTIONS[word]
    if word.isascii():
        return word
    for letters, sound in _BN_BEFORE:
        word = word.replace(normalize(letters), sound)
    if word.startswith("য"):
        word = "জ" + word[1:]  # an initial য is said j (যশোর, Jashore)
    return latin(word).lower()


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """The key of a word's consonant sounds, the same for its Bangla spelling and its
    romanisations: ``কুমিল্লা``, ``Cumilla``, ``Comilla`` and ``Kumilla`` all give ``kml``.

    Letter groups for one sound become one letter (ch, chh, sh, s → s; ph, f → p; bh, v → b;
    z, j → j; c, q → k …), vowels and ``h`` are dropped and doubled letters are written once.
    Returns "" for a word with no letters.
    """
    spelt = _NOT_LATIN_RE.sub("", romanise(word))
    if word.isascii():
        # English names write the ng of ঙ/ং as n before a consonant (Rangpur, রংপুর).
        spelt = _NG_RE.sub("n", spelt)
    for group, sound in _LATIN_SOUNDS:
        spelt = spelt.replace(group, sound)
    # Vowels and h are the sounds romanisations disagree on most (Horidaspur, হরিদাসপুর →
    # hridaspur; Amdia, আমদিয়া → amdiya): the key keeps the consonants.
    spelt = _VOWELS_RE.sub("", spelt.replace("h", ""))
    return _REPEATS_RE.sub(r"\1", spelt)


def key_term(word: str) -> str | None:
    """The index term of a word's phonetic key, or None for a word too short to key safely."""
    key = phonetic_key(word)
    return f"{KEY_PREFIX}{key}" if len(key) >= 3 else None
