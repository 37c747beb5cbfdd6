"""Form fields that take numbers the way people in Bangladesh type them: Bangla or ASCII digits,
with lakh or western grouping."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bangla import fold_digits, parse_number


class BanglaDigitsIntegerField(forms.IntegerField):
    def to_python(self, value):
        if isinstance(value, str):
            value = fold_digits(value).replace(",", "").strip()
        return super().to_python(value)


class AmountField(forms.DecimalField):
    """Money in taka: "১২,৩৪,৫৬৭", "12,34,567.50", "1234567 টাকা" all read as the same amount."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                value = parse_number(value)
            except ValueError as exc:
                raise ValidationError(
                    _("“%(value)s” is not an amount in taka."),
                    code="invalid",
                    params={"value": value},
                ) from exc
        return super().to_python(value)
