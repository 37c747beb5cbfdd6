"""Columns of the admin's listings that show numbers the way the portal does: Bangla digits with
lakh grouping in the Bangla admin (১,৫০,০০০ টাকা, ২০২৩-২৪), ASCII digits with lakh grouping in
the English one."""

from django.utils.text import capfirst

from wagtail.admin.ui.tables import Column

from .templatetags.hlp import digits, money, num


class FormattedColumn(Column):
    def __init__(self, name, *, formatter, **kwargs):
        super().__init__(name, **kwargs)
        self.formatter = formatter

    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else self.formatter(value)


def _column(model, name, formatter):
    field = model._meta.get_field(name)
    return FormattedColumn(
        name, label=capfirst(field.verbose_name), sort_key=name, formatter=formatter
    )


def count_column(model, name):
    """A count, in lakh grouping and the admin language's digits."""
    return _column(model, name, num)


def money_column(model, name):
    """An amount in taka."""
    return _column(model, name, money)


def digits_column(model, name):
    """A text with digits, such as a fiscal year, in the admin language's digits."""
    return _column(model, name, digits)
