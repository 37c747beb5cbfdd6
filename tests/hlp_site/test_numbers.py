from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.utils import translation

import pytest

from portal.forms import AmountField, BanglaDigitsIntegerField


def render(template, **context):
    return Template("{% load hlp %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("bn", "১২,৩৪,৫৬৭ টাকা"), ("en", "12,34,567 BDT")],
)
def test_money_is_grouped_in_lakh_and_crore(language, expected):
    with translation.override(language):
        assert render("{{ amount|money }}", amount=1234567) == expected


def test_large_numbers_use_crore_grouping_and_bangla_digits():
    with translation.override("bn"):
        assert render("{{ n|num }}", n=123456789) == "১২,৩৪,৫৬,৭৮৯"
    with translation.override("en"):
        assert render("{{ n|num }}", n=123456789) == "12,34,56,789"


def test_counts_of_people_below_five_are_hidden():
    with translation.override("en"):
        assert render("{{ n|small_count }}", n=3) == "&lt;5"
        assert render("{{ n|small_count }}", n=0) == "0"
        assert render("{{ n|small_count }}", n=17) == "17"


class BudgetForm(forms.Form):
    amount = AmountField(max_digits=14, decimal_places=2)
    households = BanglaDigitsIntegerField(min_value=0)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("১২,৩৪,৫৬৭", Decimal("1234567")),
        ("12,34,567.50", Decimal("1234567.50")),
        ("1,234,567", Decimal("1234567")),
        ("৫০০০ টাকা", Decimal("5000")),
    ],
)
def test_forms_accept_bangla_or_ascii_digits(typed, value):
    form = BudgetForm({"amount": typed, "households": "১২০"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == value
    assert form.cleaned_data["households"] == 120


def test_a_bad_amount_is_refused_with_a_message_naming_it():
    form = BudgetForm({"amount": "১২ক৩", "households": "1"})
    assert not form.is_valid()
    assert "১২ক৩" in form.errors["amount"][0]


def test_the_admins_date_and_time_fields_read_bangla_digits():
    """Every date and time of the admin's forms (here a workshop's start and a decision's due
    date, in its inline form) reads Bangla digits, and its widget asks the admin's script to
    turn them into ASCII ones as they are typed, before the date picker reads them."""
    import datetime

    from workshops.models import WorkshopPage

    form_class = WorkshopPage.get_edit_handler().get_form_class()
    starts = form_class.base_fields["starts_at"]
    assert "data-fold-digits" in starts.widget.attrs
    typed = starts.clean("২০২৬-০৩-১৫ ১০:০০")
    assert (typed.year, typed.month, typed.day, typed.hour) == (2026, 3, 15, 10)
    due = form_class.formsets["decisions"].form.base_fields["due_date"]
    assert due.clean("২০২৬-০৬-৩০") == datetime.date(2026, 6, 30)
    with pytest.raises(forms.ValidationError):
        due.clean("৩০ জুনের আগে")
