"""Latin spellings of Bangla text for addresses: "নলকূপ স্থাপন" → "nalakup sthapan".

The letters are spelt by indic-transliteration's ITRANS scheme; two habits of Bangla speech are
then applied so the result reads as people say the words: ব is "b" (Sanskrit's "v" is not
Bangla), and a word's last consonant carries no inherent vowel ("নলকূপ" is "nalakup", not
"nalakupa") unless it bears a য-ফলা ("বর্জ্য" stays "barjya").
"""

from __future__ import annotations

import re
import unicodedata

from indic_transliteration import sanscript

from .text import fold_digits

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
