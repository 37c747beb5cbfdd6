"""How the decisions of a meeting are numbered: ক, খ, গ … in Bangla, a, b, c … in English.

The Bangla sequence is the consonants in dictionary order, as Bangladesh government minutes
letter their decisions. Past the last letter the numbering goes on the way spreadsheet columns
do (bijective base-n): after হ comes কক, কখ … কহ, then খক …; in English after z comes aa, ab …
So every position has exactly one label and labels sort by length, then letter by letter.
"""

BANGLA_LETTERS = (
    "ক", "খ", "গ", "ঘ", "ঙ", "চ", "ছ", "জ", "ঝ", "ঞ", "ট", "ঠ", "ড", "ঢ", "ণ", "ত",
    "থ", "দ", "ধ", "ন", "প", "ফ", "ব", "ভ", "ম", "য", "র", "ল", "শ", "ষ", "স", "হ",
)  # fmt: skip
ENGLISH_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")


def _label(position, letters):
    if position < 1:
        raise ValueError(f"decision positions start at 1, not {position}")
    base = len(letters)
    label = []
    while position:
        position, rest = divmod(position - 1, base)
        label.append(letters[rest])
    return "".join(reversed(label))


def bangla_letter(position):
    """The Bangla label of the decision at `position` (1 → ক, 11 → ট, 33 → কক)."""
    return _label(position, BANGLA_LETTERS)


def english_letter(position):
    """The English label of the decision at `position` (1 → a, 26 → z, 27 → aa)."""
    return _label(position, ENGLISH_LETTERS)


def decision_letter(position, language):
    """The label in the page language (`language` as Django's `get_language()` gives it)."""
    if (language or "bn").startswith("en"):
        return english_letter(position)
    return bangla_letter(position)
