"""Stemming, compounds and English spellings: the forms of one word meet, different words
stay apart."""

from pathlib import Path

import pytest

from bangla import (
    american_spelling,
    analyze,
    split_compound,
    stem_bn,
    stem_en,
    tokenize,
)
from bangla.stemming import _CLASSIFIERS_AFTER_CONSONANT, _CLASSIFIERS_AFTER_VOWEL

ROOT = Path(__file__).resolve().parents[2]
DEMO_TEXTS = [
    "practices/demo.py",
    "practices/demo_content.py",
    "workshops/demo.py",
    "workshops/demo_minutes_2018_03_06.json",
    "search/demo.py",
]


@pytest.mark.parametrize(
    ("together", "apart"),
    [
        ("আর্সেনিকমুক্ত", "আর্সেনিক মুক্ত"),
        ("এলাকাভিত্তিক", "এলাকা ভিত্তিক"),
        ("নারীবান্ধব", "নারী বান্ধব"),
        ("বয়স্কভাতা", "বয়স্ক ভাতা"),
        ("শিশুকেন্দ্রিক", "শিশু কেন্দ্রিক"),
        ("নারীবান্ধবদের", "নারী বান্ধব"),
        ("healthcare", "health care"),
        ("health-care", "health care"),
        ("rainwater", "rain water"),
    ],
)
def test_a_compound_written_together_meets_the_same_words_written_apart(together, apart):
    assert analyze(together) == analyze(apart)


@pytest.mark.parametrize("word", ["উপযুক্ত", "সংযুক্ত", "সম্পূর্ণ", "উন্মুক্ত", "অন্তর্ভুক্ত", "সংক্রান্ত"])
def test_a_word_that_only_ends_like_a_tail_stays_whole(word):
    assert split_compound(word) == (word,)


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("ত্রুটি", "ত্রু"),  # fault, not ত্রু + -টি
        ("কারখানা", "কার"),  # factory, not কার + -খানা
        ("কমিউনিটি", "কমিউনি"),
        ("আইটি", "আই"),
    ],
)
def test_a_word_that_only_ends_like_a_classifier_keeps_its_ending(word, other):
    assert stem_bn(word) == word != other
    assert stem_bn(word + "র") == word


def test_no_classifier_rule_cuts_a_demo_word_into_an_unattested_stem():
    # Every word of the demo content that a classifier rule shortens must be shortened to a stem
    # the content also uses (bare or with another ending): otherwise the rule made a new word.
    text = "".join((ROOT / name).read_text(encoding="utf-8") for name in DEMO_TEXTS)
    words = {token for token in tokenize(text) if "\u0980" <= token[0] <= "\u09ff"}
    classifiers = _CLASSIFIERS_AFTER_VOWEL + _CLASSIFIERS_AFTER_CONSONANT
    unattested = []
    for word in words:
        stem = stem_bn(word)
        if stem == word or not word.endswith(classifiers):
            continue
        attested = any(
            other != word and (other == stem or (other.startswith(stem) and stem_bn(other) == stem))
            for other in words
        )
        if not attested and not word.startswith(("এক", "দুই", "তিন", "চার", "পাঁচ", "ছয়")):
            unattested.append((word, stem))
    assert len(words) > 500
    assert unattested == []


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("mobilised", "mobilized"),
        ("labour", "labor"),
        ("centre", "center"),
        ("centres", "centers"),
        ("programme", "program"),
        ("practise", "practice"),
        ("licence", "license"),
        ("anaemia", "anemia"),
        ("paediatric", "pediatric"),
    ],
)
def test_british_and_american_spellings_meet(british, american):
    assert stem_en(british) == stem_en(american)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("women", "woman"), ("children", "child"), ("people", "person"), ("lives", "life")],
)
def test_irregular_plurals_meet_their_singular(plural, singular):
    assert stem_en(plural) == stem_en(singular)


@pytest.mark.parametrize("word", ["exercise", "promise", "enterprise", "rise", "our", "hour"])
def test_words_that_only_look_british_are_left_alone(word):
    assert american_spelling(word) == word


def test_question_words_are_not_searched_for():
    assert analyze("২০১৯ সালের কর্মশালা কোথায় হয়েছে?") == ["2019", "কর্মশালা"]
    assert analyze("How do unions test tube wells?") == analyze("unions test tube wells")
