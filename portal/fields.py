"""Model fields whose admin forms accept Bangla digits."""

from django.db import models

from .forms import AmountField, BanglaDigitsIntegerField


class AmountBDTField(models.DecimalField):
    """An amount in taka (two decimal places, up to 999 crore)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": AmountField, **kwargs})


class CountField(models.PositiveIntegerField):
    """A count of things or people, typed in Bangla or ASCII digits."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BanglaDigitsIntegerField, **kwargs})
