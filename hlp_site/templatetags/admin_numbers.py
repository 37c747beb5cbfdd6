"""Numbers in the admin's listings as the portal writes them: Bangla digits and lakh grouping
in the Bangla admin (১,৫০,০০০), lakh grouping with ASCII digits in English."""

from decimal import Decimal

from django import template

from portal.templatetags.hlp import digits, num

register = template.Library()


@register.filter
def listing_number(value, column_name=""):
    """A count or an amount grouped in lakh; a year only in the language's digits; anything
    else as it is."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        return None
    if "year" in str(column_name):
        return digits(value)
    return num(value)
