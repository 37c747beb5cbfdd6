import pytest

from workshops.numbering import (
    BANGLA_LETTERS,
    bangla_letter,
    decision_letter,
    english_letter,
)


def test_the_first_decisions_are_lettered_as_in_government_minutes():
    assert [bangla_letter(n) for n in range(1, 10)] == list("কখগঘঙচছজঝ")
    assert [english_letter(n) for n in range(1, 10)] == list("abcdefghi")


def test_past_eleven_the_bangla_letters_go_on_in_dictionary_order():
    assert [bangla_letter(n) for n in range(10, 17)] == ["ঞ", "ট", "ঠ", "ড", "ঢ", "ণ", "ত"]
    assert english_letter(11) == "k"
    assert english_letter(12) == "l"


def test_past_the_alphabet_labels_double_like_spreadsheet_columns():
    last = len(BANGLA_LETTERS)
    assert bangla_letter(last) == "হ"
    assert bangla_letter(last + 1) == "কক"
    assert bangla_letter(last + 2) == "কখ"
    assert bangla_letter(2 * last) == "কহ"
    assert bangla_letter(2 * last + 1) == "খক"
    assert english_letter(26) == "z"
    assert english_letter(27) == "aa"
    assert english_letter(52) == "az"
    assert english_letter(53) == "ba"


def test_every_position_up_to_a_thousand_has_its_own_label():
    for letter in (bangla_letter, english_letter):
        labels = [letter(n) for n in range(1, 1001)]
        assert len(set(labels)) == len(labels)


def test_label_follows_the_page_language():
    assert decision_letter(3, "bn") == "গ"
    assert decision_letter(3, "en") == "c"


def test_there_is_no_decision_zero():
    with pytest.raises(ValueError):
        bangla_letter(0)
