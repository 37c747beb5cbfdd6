"""The search benchmark's documents: made up, deterministic, and shaped like the portal's.

Practices, circulars and workshops, each about a few of the domain's words (Bangla, inflected,
and English) amid a large Zipf-distributed vocabulary of made-up Bangla words, with the facets
(type, theme, division, district, status, year …) the search page filters on.
"""

from __future__ import annotations

import datetime
import itertools
import random

SEED = 20070101

BN_WORDS = [
    "ইউনিয়ন",
    "পরিষদ",
    "পৌরসভা",
    "উপজেলা",
    "জেলা",
    "কর্মশালা",
    "নাগরিক",
    "বাজেট",
    "উন্মুক্ত",
    "সভা",
    "নারী",
    "শিশু",
    "শিক্ষা",
    "স্বাস্থ্য",
    "পানি",
    "নলকূপ",
    "আর্সেনিক",
    "স্যানিটেশন",
    "ল্যাট্রিন",
    "জন্ম",
    "নিবন্ধন",
    "কর",
    "আদায়",
    "হোল্ডিং",
    "প্রতিবন্ধী",
    "সেবা",
    "কেন্দ্র",
    "তথ্য",
    "ডিজিটাল",
    "বৃক্ষরোপণ",
    "রাস্তা",
    "সেতু",
    "কৃষি",
    "মৎস্য",
    "বাজার",
    "দুর্যোগ",
    "ঘূর্ণিঝড়",
    "আশ্রয়",
    "প্রশিক্ষণ",
    "স্বেচ্ছাসেবক",
    "কমিটি",
    "সমন্বয়",
    "উন্নয়ন",
    "পরিকল্পনা",
    "পরিপত্র",
    "মহিলা",
    "ফোরাম",
    "বিদ্যালয়",
    "ভর্তি",
    "শতভাগ",
    "স্বচ্ছতা",
    "জবাবদিহিতা",
    "অংশগ্রহণ",
    "নন্দিত",
    "অনুসন্ধান",
    "অভিজ্ঞতা",
    "বিনিময়",
    "সফর",
]
BN_SUFFIXES = ("", "", "", "ের", "ে", "কে", "গুলো", "গুলোতে", "র", "টি", "সমূহ", "দের")
EN_WORDS = [
    "union",
    "council",
    "municipality",
    "workshop",
    "citizen",
    "budget",
    "open",
    "meeting",
    "women",
    "children",
    "school",
    "health",
    "water",
    "tube",
    "well",
    "arsenic",
    "sanitation",
    "latrine",
    "birth",
    "registration",
    "tax",
    "collection",
    "disability",
    "service",
    "centre",
    "digital",
    "tree",
    "road",
    "bridge",
    "farming",
    "market",
    "disaster",
    "cyclone",
    "shelter",
    "training",
    "volunteer",
    "committee",
    "coordination",
    "development",
    "plan",
    "circular",
    "forum",
]
EN_FILLER = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "from",
    "that",
    "this",
    "was",
    "were",
    "are",
    "is",
    "has",
    "have",
    "had",
    "will",
    "can",
    "people",
    "local",
    "government",
    "office",
    "members",
    "meeting",
    "village",
    "ward",
    "area",
    "year",
    "month",
    "report",
    "support",
    "work",
    "group",
    "help",
    "new",
    "first",
    "all",
    "more",
    "other",
    "some",
    "each",
    "every",
    "their",
    "our",
    "its",
]
THEMES = ("water", "governance", "disability", "education", "health", "revenue", "climate", "agri")
STATUSES = ("none", "nominated", "presented", "under_review", "circular_issued", "not_adopted")
DIVISIONS = [f"BD{10 * n}" for n in range(1, 9)]
DISTRICTS = {division: [f"{division}{n:02d}" for n in range(1, 9)] for division in DIVISIONS}

CONSONANTS = "কখগঘচছজঝটঠডতথদধনপফবভমযরলশসহ"
VOWEL_SIGNS = ("", "া", "ি", "ী", "ু", "ূ", "ে", "ো")


def _filler_words(rng, count):
    """Made-up Bangla words, so that the vocabulary is as large as real text's."""
    words = set()
    while len(words) < count:
        syllables = rng.randint(2, 4)
        words.add(
            "".join(rng.choice(CONSONANTS) + rng.choice(VOWEL_SIGNS) for _ in range(syllables))
        )
    return sorted(words)


def _sentence(rng, topic, filler, cumulative, length, suffixes):
    # A fifth of the words are the document's topic, the rest everyday words, Zipf-distributed.
    everyday = iter(rng.choices(filler, cum_weights=cumulative, k=length))
    words = []
    for _ in range(length):
        if rng.random() < 0.2:
            words.append(rng.choice(topic) + rng.choice(suffixes))
        else:
            words.append(next(everyday))
    return " ".join(words)


def generate(count, seed=SEED):
    """Plain documents as an app's indexing module would return them, deterministic.

    Each document is about a few of the domain's words (its topic) amid a large vocabulary,
    as real practices, circulars and minutes are.
    """
    rng = random.Random(seed)
    filler = _filler_words(rng, 4000)
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(filler) + 1)))
    for number in range(1, count + 1):
        kind = rng.choices(("practice", "circular", "workshop"), weights=(70, 5, 25))[0]
        division = rng.choice(DIVISIONS)
        year = rng.randint(2007, 2024)
        replications = rng.choice((0, 1, 3, 8, 20, 55, 90)) if kind == "practice" else 0
        topic = rng.sample(BN_WORDS, 4)
        english = rng.sample(EN_WORDS, 3)
        yield (
            kind,
            number,
            {
                "url_bn": f"/{kind}s/{number}/",
                "url_en": f"/en/{kind}s/{number}/",
                "title_bn": " ".join(
                    w + rng.choice(BN_SUFFIXES) for w in topic[: rng.randint(2, 4)]
                ),
                "title_en": " ".join(english) if rng.random() < 0.6 else "",
                "text_bn": [
                    _sentence(rng, topic, filler, cumulative, rng.randint(120, 250), BN_SUFFIXES)
                    + f" {year} সালে।"
                ],
                "text_en": [_sentence(rng, english, EN_FILLER, None, rng.randint(0, 40), ("",))],
                "keywords": [rng.choice(THEMES)],
                "theme": rng.choice(THEMES),
                "division": division if kind != "circular" else "",
                "district": rng.choice(DISTRICTS[division]) if kind != "circular" else "",
                "circular_status": rng.choice(STATUSES) if kind == "practice" else "",
                "best_practice": replications >= 50 if kind == "practice" else None,
                "year": year,
                "date": datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                "replication_count": replications,
                "budget_total": rng.randint(0, 5_000_000) if kind == "practice" else 0,
            },
        )
