"""Typo candidates from an index vocabulary: the likeliest word, never its opposite."""

import pytest

from bangla import candidates, edit_distance, swaps_morpheme

VOCABULARY = {
    "আর্সেনিক": 30,
    "মুক্ত": 12,
    "যুক্ত": 4,
    "স্যানিটেশন": 19,
    "ল্যাট্রিন": 9,
    "sanit": 20,
    "arsenic": 25,
    "latrin": 6,
    "xqkml": 3,
}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("আর্সেনিখ", "আর্সেনিক"),  # wrong letter
        ("স্যানিটেসন", "স্যানিটেশন"),  # স for শ
        ("ল্যাট্রীন", "ল্যাট্রিন"),  # long vowel sign for short
        ("arsnic", "arsenic"),  # dropped letter
        ("latirn", "latrin"),  # swapped letters
    ],
)
def test_a_typo_finds_the_word_meant(typed, meant):
    assert candidates(typed, VOCABULARY)[0] == meant


def test_a_misspelt_ending_finds_the_stem_the_word_begins_with():
    # "sanitatoin" is not stemmed to "sanit" as "sanitation" is.
    assert candidates("sanitatoin", VOCABULARY, typed="sanitatoin") == ["sanit"]


def test_a_morpheme_is_never_swapped_for_its_opposite():
    assert swaps_morpheme("আর্সেনিকযুক্ত", "আর্সেনিকমুক্ত")
    assert "মুক্ত" not in candidates("যুক্ত", {"মুক্ত": 50})


def test_short_words_and_numbers_get_no_candidates():
    assert candidates("কর", {"কড": 9}) == []
    assert candidates("2019", {"2018": 9}) == []


def test_scripts_and_place_keys_do_not_mix():
    assert all(not term.startswith("xq") for term in candidates("xqkmm", VOCABULARY))
    assert candidates("arsenik", {"আর্সেনিক": 5}) == []


def test_edit_distance_stops_at_its_limit():
    assert edit_distance("abc", "abd") == 1
    assert edit_distance("abcdef", "uvwxyz", limit=2) == 3
