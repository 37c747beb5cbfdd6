"""The glossary: groups of words and phrases that mean the same, applied to queries.

NILG's curators keep the groups (in Bangla and English, with the acronyms programme staff use)
in the admin; :data:`PLACE_RENAMINGS` adds the official renamings of districts and divisions and
their older romanisations, which are facts rather than editorial choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .terms import analyze

Glossary = Mapping[tuple[str, ...], tuple[str, ...]]
"""Analysed glossary: phrase terms → alternatives (space-joined terms), see build_glossary."""

PLACE_RENAMINGS: tuple[tuple[str, ...], ...] = (
    # Renamed in 2018 (the older spelling is still the common one in documents and minds).
    ("Chattogram", "Chittagong", "চট্টগ্রাম"),
    ("Cumilla", "Comilla", "কুমিল্লা"),
    ("Barishal", "Barisal", "বরিশাল"),
    ("Jashore", "Jessore", "যশোর"),
    ("Bogura", "Bogra", "বগুড়া"),
    # Older romanisations still in use.
    ("Chapai Nawabganj", "Chapainawabganj", "Nawabganj", "চাঁপাইনবাবগঞ্জ"),
    ("Cox's Bazar", "Coxs Bazar", "Coxsbazar", "কক্সবাজার"),
    ("Moulvibazar", "Maulvibazar", "Moulvi Bazar", "মৌলভীবাজার"),
    ("Jhalokati", "Jhalakathi", "Jhalokathi", "ঝালকাঠি"),
    ("Brahmanbaria", "Brahmanbaria", "B. Baria", "ব্রাহ্মণবাড়িয়া"),
    ("Mymensingh", "Mymenshing", "ময়মনসিংহ"),
    ("Netrokona", "Netrakona", "নেত্রকোনা"),
    ("Narsingdi", "Narshingdi", "নরসিংদী"),
    ("Sirajganj", "Sirajgonj", "সিরাজগঞ্জ"),
    ("Gaibandha", "Gaibanda", "গাইবান্ধা"),
    ("Kurigram", "Kurigram", "কুড়িগ্রাম"),
    ("Panchagarh", "Panchagar", "পঞ্চগড়"),
    ("Thakurgaon", "Thakurgao", "ঠাকুরগাঁও"),
    ("Satkhira", "Sathkhira", "সাতক্ষীরা"),
    ("Patuakhali", "Potuakhali", "পটুয়াখালী"),
    ("Lakshmipur", "Laxmipur", "Lakhsmipur", "লক্ষ্মীপুর"),
    ("Sylhet", "Silet", "সিলেট"),
)


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
