"""Model fields whose forms accept Bangla digits, and the same for every number field of the
admin's forms (`use_bangla_digits_in_admin_forms`)."""

from django.db import models

from .forms import (
    AmountField,
    BanglaDigitsDateField,
    BanglaDigitsDateTimeField,
    BanglaDigitsDecimalField,
    BanglaDigitsIntegerField,
    BanglaDigitsTimeField,
    folding_digits,
)


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


def use_bangla_digits_in_admin_forms():
    """Every integer, decimal, date and time column of every model, in every form Wagtail's
    admin builds (pages, snippets, settings), reads Bangla digits (numbers with lakh commas too)
    and keeps what was typed.
    Wagtail picks an override by the model field's class and its ancestors, nearest first."""
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.IntegerField, override={"form_class": BanglaDigitsIntegerField}
    )
    register_form_field_override(
        models.DecimalField, override={"form_class": BanglaDigitsDecimalField}
    )
    register_form_field_override(AmountBDTField, override={"form_class": AmountField})
    # Dates and times too, with Wagtail's own picker widgets (these overrides replace its own).
    from wagtail.admin import widgets

    for model_field, form_field, widget in (
        (models.DateField, BanglaDigitsDateField, widgets.AdminDateInput),
        (models.DateTimeField, BanglaDigitsDateTimeField, widgets.AdminDateTimeInput),
        (models.TimeField, BanglaDigitsTimeField, widgets.AdminTimeInput),
    ):
        register_form_field_override(
            model_field, override={"form_class": form_field, "widget": folding_digits(widget)}
        )
