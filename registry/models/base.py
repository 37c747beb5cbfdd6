"""What the registry's models share: the age from which a person is elderly, fiscal years, and
names in Bangla and English."""

from django.utils import timezone
from django.utils.translation import get_language

ELDERLY_AGE = 60


def years_ago(years, today=None):
    """The date *years* years before *today* (29 February falls back to the 28th)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def fiscal_year_of(date):
    """Bangladesh's fiscal year (July–June) of a date, written ``2023-24``."""
    start = date.year if date.month >= 7 else date.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def bilingual(bn, en):
    """*en* when the page is in English and there is one, else *bn*."""
    return en if (get_language() or "bn").startswith("en") and en else bn
