from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized(value):
    """A value stored in both languages ({"bn": …, "en": …}) in the page's language."""
    if isinstance(value, dict):
        language = "en" if (get_language() or "bn").startswith("en") else "bn"
        return value.get(language) or value.get("bn") or ""
    return "" if value is None else value


@register.filter
def is_localized(value):
    return isinstance(value, dict)
