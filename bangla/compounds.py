"""Compounds: a word written together and the same words written apart meet.

Bangla attaches many heads and tails to a noun without a space (আর্সেনিকমুক্ত, এলাকাভিত্তিক,
নারীবান্ধব, বয়স্কভাতা) and writes the same compound apart just as often; English writes
some compounds as one word, hyphenated or apart (healthcare, health-care, health care).
:func:`split_compound` cuts a word where a known tail is attached, so that every form gives
the same terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import _VIRAMA, normalize


def _words(text: str) -> list[str]:
    return text.split()


_BN_BASE_RE = re.compile("[\u0980\u0985-\u09b9\u09bd\u09ce\u09dc-\u09e1\u09f0\u09f1\u09fc]")

# Tails that make an adjective or a compound noun of the word before them.
BN_TAILS = tuple(
    sorted(
        (
            normalize(tail)
            for tail in _words(
                "ভিত্তিক কেন্দ্রিক মুখী বান্ধব যুক্ত মুক্ত ভুক্ত সম্মত সহায়ক বিষয়ক সংক্রান্ত "
                "কালীন ব্যাপী প্রবণ পূর্ণ বিহীন সম্পন্ন ভোগী জনিত ভাতা নির্ভর উপযোগী"
            )
        ),
        key=len,
        reverse=True,
    )
)

# Words that end like a tail but are one word (উপযুক্ত is "suitable", not উপ + যুক্ত).
_BN_WHOLE = frozenset(
    normalize(word)
    for word in _words(
        "উপযুক্ত সংযুক্ত নিযুক্ত প্রযুক্ত বিযুক্ত অন্তর্ভুক্ত সম্পূর্ণ পরিপূর্ণ সংক্রান্ত আক্রান্ত "
        "বিভ্রান্ত সম্মত অসম্মত সহায়ক উপযোগী বিমুখী প্রমুখী সম্মুখী উন্মুক্ত বিমুক্ত নির্মুক্ত"
    )
)

# English compounds written as one word, with their parts.
EN_COMPOUNDS = {
    "healthcare": ("health", "care"),
    "childcare": ("child", "care"),
    "wastewater": ("waste", "water"),
    "rainwater": ("rain", "water"),
    "groundwater": ("ground", "water"),
    "stormwater": ("storm", "water"),
    "handwashing": ("hand", "washing"),
    "waterlogging": ("water", "logging"),
    "waterlogged": ("water", "logged"),
    "egovernance": ("e", "governance"),
    "ecommerce": ("e", "commerce"),
    "elearning": ("e", "learning"),
    "homestead": ("home", "stead"),
    "livestock": ("live", "stock"),
    "policymaker": ("policy", "maker"),
    "policymakers": ("policy", "makers"),
    "stakeholder": ("stake", "holder"),
    "stakeholders": ("stake", "holders"),
    "smartphone": ("smart", "phone"),
    "website": ("web", "site"),
    "online": ("on", "line"),
    "workplan": ("work", "plan"),
    "taxpayer": ("tax", "payer"),
    "taxpayers": ("tax", "payers"),
    "housetax": ("house", "tax"),
    "tubewell": ("tube", "well"),
    "tubewells": ("tube", "wells"),
}


def _base_count(text: str) -> int:
    return len(_BN_BASE_RE.findall(text))


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound *word* (a normalised token), or ``(word,)`` when it is not one.

    A Bangla word is cut before a known tail (:data:`BN_TAILS`) when at least two base
    letters stay before it and the part before does not end in hasanta (a conjunct), unless
    the word is on the list of words that only end like a tail:

    >>> split_compound("আর্সেনিকমুক্ত")
    ('আর্সেনিক', 'মুক্ত')
    >>> split_compound("উপযুক্ত")
    ('উপযুক্ত',)

    English compounds written as one word are cut by a list (``healthcare`` → ``health``,
    ``care``); hyphenated ones are already two tokens.
    """
    if word.isascii():
        return EN_COMPOUNDS.get(word, (word,))
    if word in _BN_WHOLE:
        return (word,)
    for tail in BN_TAILS:
        if word.endswith(tail) and len(word) > len(tail):
            head = word[: -len(tail)]
            if _base_count(head) >= 2 and not head.endswith(_VIRAMA):
                return (*split_compound(head), tail)
    return (word,)
