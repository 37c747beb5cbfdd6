"""Headline figures for the home page, counted from the data."""

from places.models import Area
from practices.stats import figures as practice_figures


def headline_figures():
    """Counts shown on the home page: LGIs, and the practices catalogue's own figures."""
    return {"lgis": Area.objects.lgis().count(), **practice_figures()}
