"""Form fields that take numbers the way people in Bangladesh type them: Bangla or ASCII digits,
with lakh or western grouping.

Their widget is a text input with a numeric keyboard (`inputmode`), not `<input type="number">`:
browsers empty a number input whose text is not ASCII digits ("২০২৫", "১,৫০,০০০") and send
nothing, so the server could neither read the number nor say what was wrong with it. The text
comes to the server as typed, is read here, and a wrong one is sent back with a message naming
the field."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bangla import fold_digits, parse_number


class NumberTextInput(forms.TextInput):
    """A number typed as text: a phone shows its number keyboard, nothing is thrown away."""

    def __init__(self, attrs=None, decimal=False):
        defaults = {"inputmode": "decimal" if decimal else "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})


def _read(field, value):
    """The typed text as a Decimal, or the field's "invalid" error naming the field."""
    try:
        return parse_number(value)
    except ValueError as exc:
        raise ValidationError(
            field.error_messages["invalid"],
            code="invalid",
            params={"value": value, "field": field.label or _("this field")},
        ) from exc


class BanglaDigitsIntegerField(forms.IntegerField):
    """A whole number: "২০২৫", "১,৫০০", "1,500" and "1500" all read as numbers."""

    widget = NumberTextInput
    default_error_messages = {
        "invalid": _(
            "%(field)s: “%(value)s” is not a whole number. Write it in Bangla or English "
            "digits, for example ২০২৫ or ১,৫০০."
        ),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value in self.empty_values:
                return None
            number = _read(self, value)
            if number != number.to_integral_value():
                raise ValidationError(
                    self.error_messages["invalid"],
                    code="invalid",
                    params={"value": value, "field": self.label or _("this field")},
                )
            value = str(int(number))
        return super().to_python(value)


class BanglaDigitsDecimalField(forms.DecimalField):
    """A number with or without a decimal part: "১৫০০০০.৫০", "1,50,000.50"."""

    widget = NumberTextInput
    default_error_messages = {
        "invalid": _(
            "%(field)s: “%(value)s” is not a number. Write it in Bangla or English digits, "
            "for example ১,৫০,০০০ or ১৫০০০০.৫০."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs["inputmode"] = "decimal"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = value.strip()
            if value in self.empty_values:
                return None
            value = str(_read(self, value))
        elif isinstance(value, Decimal):
            value = str(value)
        return super().to_python(value)


class AmountField(BanglaDigitsDecimalField):
    """Money in taka: "১২,৩৪,৫৬৭", "12,34,567.50", "1234567 টাকা" all read as the same amount."""

    default_error_messages = {
        "invalid": _(
            "%(field)s: “%(value)s” is not an amount in taka. Write it in Bangla or English "
            "digits, for example ১,৫০,০০০ or ১৫০০০০.৫০."
        ),
    }


class _FoldsBanglaDigits:
    """A date or time typed in Bangla digits ("২০২৬-০৩-১৫ ১০:০০") reads as in ASCII ones."""

    def to_python(self, value):
        if isinstance(value, str):
            value = fold_digits(value)
        return super().to_python(value)


class BanglaDigitsDateField(_FoldsBanglaDigits, forms.DateField):
    pass


class BanglaDigitsDateTimeField(_FoldsBanglaDigits, forms.DateTimeField):
    pass


class BanglaDigitsTimeField(_FoldsBanglaDigits, forms.TimeField):
    pass


def folding_digits(widget_class):
    """The admin's date/time picker widget, marked so that the admin's script turns Bangla digits
    into ASCII ones as they are typed: the picker reads only ASCII digits and, on leaving the
    field, would put today's date in place of what it could not read."""

    class Widget(widget_class):
        def __init__(self, attrs=None, **kwargs):
            super().__init__({"data-fold-digits": "", **(attrs or {})}, **kwargs)

    Widget.__name__ = f"Folding{widget_class.__name__}"
    Widget.__qualname__ = Widget.__name__
    return Widget
