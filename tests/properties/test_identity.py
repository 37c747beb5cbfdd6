"""NID and birth registration numbers: every input is accepted as a valid number or refused
with a message that names the field and never shows the number in clear."""

import datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from bangla import fold_digits
from registry.identity import (
    BRN_LENGTH,
    NID_LENGTHS,
    IdentityError,
    decrypt,
    encrypt,
    id_hash,
    mask,
    parse_identity,
)

from .conftest import MANY, SOME
from .strategies import any_text, numberish_text, with_bangla_digits

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=25)
id_types = st.sampled_from([None, "", "nid", "brn", "NID", " Brn ", "passport", "x"])
births = st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31)))


def check_refusal(exc, value):
    messages = exc.messages
    assert messages and all(message.strip() for message in messages)
    digits = "".join(ch for ch in fold_digits(str(value)) if ch.isdigit())
    if len(digits) > 3:
        # The refusal may show the last three digits, never the whole number.
        assert all(digits not in message for message in messages)


@MANY
@given(st.one_of(digit_strings, numberish_text, any_text), id_types, births)
@example("19857512345678901", "nid", datetime.date(1985, 3, 1))
@example("১৯৮৫৭৫১২৩৪৫৬৭৮৯০১", "brn", None)
@example("19857512345678901", None, datetime.date(1990, 1, 1))
def test_identity_numbers_are_accepted_or_refused_with_a_masked_message(value, id_type, born):
    try:
        number = parse_identity(value, id_type, born)
    except IdentityError as exc:
        check_refusal(exc, value)
        return
    if number is None:
        assert not str(value).strip()
        return
    assert number.digits.isascii() and number.digits.isdigit()
    assert number.digits == fold_digits(str(value)).strip()
    allowed = (BRN_LENGTH,) if number.id_type == "brn" else NID_LENGTHS
    assert len(number.digits) in allowed
    if len(number.digits) == 17 and born is not None:
        assert number.digits[:4] == f"{born.year:04d}"
    # Its text forms never spell the number out.
    assert number.digits not in repr(number) and number.digits not in str(number)
    assert number.last3 == number.digits[-3:]


@MANY
@given(st.sampled_from(NID_LENGTHS), st.data())
def test_bangla_and_ascii_digits_are_the_same_number(length, data):
    digits = data.draw(st.text(alphabet="0123456789", min_size=length, max_size=length))
    ascii_number = parse_identity(digits, "nid")
    bangla_number = parse_identity(with_bangla_digits(digits), "nid")
    assert ascii_number == bangla_number
    assert ascii_number.hash == bangla_number.hash


@SOME
@given(digit_strings, digit_strings)
def test_keyed_hash_matches_equal_numbers_only(first, second):
    assume(first != second)
    assert id_hash(first) == id_hash(first)
    assert id_hash(first) != id_hash(second)


@SOME
@given(digit_strings)
def test_ciphertext_opens_to_the_number_and_hides_it(digits):
    sealed = encrypt(digits)
    assert decrypt(sealed) == digits
    assert digits not in sealed or len(digits) < 4
    # Two encryptions of one number differ (fresh nonce), so ciphertexts cannot be matched.
    assert encrypt(digits) != sealed


@SOME
@given(digit_strings, st.integers(min_value=0), st.integers(min_value=0, max_value=255))
def test_tampered_ciphertext_is_refused(digits, position, flip):
    sealed = encrypt(digits)
    version, key_id, token = sealed.split(".", 2)
    index = position % len(token)
    replacement = "A" if token[index] != "A" else "B"
    tampered = f"{version}.{key_id}.{token[:index]}{replacement}{token[index + 1 :]}"
    try:
        opened = decrypt(tampered)
    except ValueError:
        return
    # Base64 padding bits can change without changing the bytes; then the number is intact.
    assert opened == digits


@MANY
@given(st.one_of(any_text, st.none(), st.integers()))
def test_mask_keeps_at_most_the_last_three_characters(value):
    text = "" if value is None else str(value).strip()
    masked = mask(value)
    assert len(masked) == len(text)
    assert masked[-3:] == text[-3:] or len(text) <= 3
    assert set(masked[:-3]) <= {"•"}


@pytest.mark.parametrize(
    ("value", "id_type", "message"),
    [
        ("12345", "nid", "has 5 digits; an NID has 10, 13 or 17"),
        ("1234567890", "brn", "a birth registration number has 17"),
        ("12345abcde", None, "must contain digits only"),
    ],
)
def test_refusals_say_what_is_wrong(value, id_type, message):
    from django.utils import translation

    # Messages are in the active language; these read English whatever ran before.
    with translation.override("en"):
        with pytest.raises(IdentityError) as caught:
            parse_identity(value, id_type, field="NID")
        assert message in caught.value.messages[0]
