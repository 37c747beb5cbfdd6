"""Person names: a loose key for finding the same person written in different ways."""

from __future__ import annotations

import re
from functools import lru_cache

from .terms import _words, tokenize
from .text import _CHANDRABINDU, _NUKTA, _VIRAMA, _VISARGA, normalize

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
