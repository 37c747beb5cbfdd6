"""Transliteration: a place written in Bangla or romanised, however it was romanised, meets.

Area names reach the portal in Bangla (কুমিল্লা) and in several romanisations, official and
older (Cumilla, Comilla, Kumilla).  :func:`romanise` writes a Bangla word in Latin letters
(AnyAscii, after a few Bangla-specific adjustments); :func:`phonetic_key` reduces a Latin or
Bangla word to a key of its consonant sounds, so that the romanisations of one name, and the
name in Bangla, share a key.  Keys are indexed for the place names of a document only, and a
query word's key is one more alternative of that word.

Measured over the 5,091 divisions, districts, upazilas and unions in `places/data/geo`, the key
of the Bangla name equals the key of the official English name for about nine names in ten;
see tests/bangla/test_transliteration.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from .text import normalize

KEY_PREFIX = "xq"
"""Index terms made of a key start with this, so they never meet an ordinary word."""

_BN_BEFORE = (
    ("\u09a1\u09bc", "র"),  # ড় is romanised r
    ("\u09a2\u09bc", "র"),  # ঢ়
    ("\u09af\u09bc", "ইয়"),  # য় (antastha a) is a glide: y
    ("ং", "ন"),  # both said ng, which English names write n before a consonant (Rangpur)
    ("ঙ", "ন"),
    ("ঁ", "ন"),  # চন্দ্রবিন্দু is written n (গাঁও → gaon, পাঁচ → panch)
    ("চ", "ছ"),  # both ch: AnyAscii writes চ as c, which in English names is k (Cumilla)
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
    """A Bangla word in Latin letters, lower case: ``কুমিল্লা`` → ``kumilla``.

    Latin text is returned lower-cased and otherwise unchanged.
    """
    word = normalize(word)
    if word in _DIRECTIONS:
        return _DIRECTIONS[word]
    if word.isascii():
        return word
    for bangla, latin in _BN_BEFORE:
        word = word.replace(normalize(bangla), latin)
    if word.startswith("য"):
        word = "জ" + word[1:]  # an initial য is said j (যশোর, Jashore)
    return anyascii(word).lower()


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """The key of a word's consonant sounds, the same for its Bangla spelling and its
    romanisations: ``কুমিল্লা``, ``Cumilla``, ``Comilla`` and ``Kumilla`` all give ``kml``.

    Letter groups for one sound become one letter (ch, chh, sh, s → s; ph, f → p; bh, v → b;
    z, j → j; c, q → k …), vowels and ``h`` are dropped and doubled letters are written once.
    Returns "" for a word with no letters.
    """
    latin = _NOT_LATIN_RE.sub("", romanise(word))
    if word.isascii():
        # English names write the ng of ঙ/ং as n before a consonant (Rangpur, রংপুর).
        latin = _NG_RE.sub("n", latin)
    for group, sound in _LATIN_SOUNDS:
        latin = latin.replace(group, sound)
    # Vowels and h are the sounds romanisations disagree on most (Horidaspur, হরিদাসপুর →
    # hridaspur; Amdia, আমদিয়া → amdiya): the key keeps the consonants.
    latin = _VOWELS_RE.sub("", latin.replace("h", ""))
    return _REPEATS_RE.sub(r"\1", latin)


def key_term(word: str) -> str | None:
    """The index term of a word's phonetic key, or None for a word too short to key safely."""
    key = phonetic_key(word)
    return f"{KEY_PREFIX}{key}" if len(key) >= 3 else None
