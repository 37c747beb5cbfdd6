"""Bangla and ASCII digits, lakh grouping and taka amounts: never a crash, always a message."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bangla import fold_digits, format_lakh, parse_number, to_bangla_digits
from portal.forms import AmountField, BanglaDigitsIntegerField

from .conftest import MANY
from .strategies import any_text, numberish_text, with_bangla_digits

amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2, allow_nan=False
)


@MANY
@given(amounts, st.booleans())
@example(Decimal("1234567.00"), True)
@example(Decimal("-0.01"), False)
def test_lakh_formatting_reads_back_as_the_same_amount(value, bangla):
    text = format_lakh(value, bangla_digits=bangla)
    assert parse_number(text) == value
    if bangla:
        assert not any(char in text for char in "0123456789")


@MANY
@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_whole_numbers_of_any_size_survive_the_round_trip(value):
    assert parse_number(format_lakh(value)) == value
    assert parse_number(f"{value:,}") == value


@MANY
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", " টাকা", "/-", " Tk"]))
def test_money_written_the_customary_ways_is_understood(value, suffix):
    lakh = format_lakh(value)
    for written in (lakh + suffix, with_bangla_digits(lakh) + suffix, f"৳ {value:,}"):
        assert parse_number(written) == value


@MANY
@given(st.one_of(numberish_text, any_text))
@example("১২,৩৪,৫৬৭.৫০ টাকা")
@example("1,2,,3")
@example("")
def test_any_text_is_a_number_or_refused_with_a_message_naming_it(text):
    try:
        value = parse_number(text)
    except ValueError as exc:
        assert repr(text) in str(exc)
    else:
        assert isinstance(value, Decimal)
        assert value.is_finite()
        # Bangla and ASCII digits are the same number.
        assert parse_number(to_bangla_digits(fold_digits(text))) == value


FIELD = AmountField(max_digits=14, decimal_places=2, required=False)


@MANY
@given(st.one_of(numberish_text, any_text))
def test_amount_field_accepts_or_explains_every_input(text):
    try:
        cleaned = FIELD.clean(text)
    except ValidationError as exc:
        assert exc.messages
        assert all(message.strip() for message in exc.messages)
        return
    if cleaned is None:
        assert not text.strip() or text in FIELD.empty_values
        return
    assert cleaned == parse_number(text)
    assert len(cleaned.as_tuple().digits) <= 14


@MANY
@given(st.decimals(min_value=Decimal("-1e12") + 1, max_value=Decimal("1e12") - 1, places=2))
def test_amount_field_reads_what_the_portal_displays(value):
    for bangla in (True, False):
        assert FIELD.clean(format_lakh(value, bangla_digits=bangla)) == value


class CountForm(forms.Form):
    households = BanglaDigitsIntegerField(min_value=0)


@MANY
@given(st.one_of(st.integers(min_value=0, max_value=10**12).map(str), numberish_text, any_text))
def test_count_fields_accept_bangla_digits_or_say_what_is_wrong(text):
    form = CountForm({"households": text})
    if form.is_valid():
        # Whatever the separators ("১,২৩৪", "12.0", "4 ."), the count is the digits typed
        # before any decimal point.
        typed = int(re.sub(r"[^0-9]", "", fold_digits(text).split(".")[0]))
        assert form.cleaned_data["households"] == typed
    else:
        assert form.errors["households"]
        assert all(message.strip() for message in form.errors["households"])


@pytest.mark.parametrize(
    ("written", "value"),
    [("১২,৩৪,৫৬৭", 1234567), ("১,০০,০০,০০০ টাকা", 10_000_000), ("৫০০/-", 500)],
)
def test_examples_from_the_seed_documents(written, value):
    assert FIELD.clean(written) == value
