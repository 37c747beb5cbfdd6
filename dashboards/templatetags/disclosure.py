"""`{% load disclosure %}`: beneficiary counts as published (`dashboards.cube`)."""

from django import template

from ..cube import count_text

register = template.Library()


@register.filter
def people_count(value):
    """A count about people: the number, "<5", or "withheld" where a count is held back so that
    one under 5 cannot be worked out."""
    return count_text(value)
