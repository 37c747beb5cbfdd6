"""The data version: one row, raised whenever figures the portal shows may have changed."""

from django.db.models import F
from django.utils import timezone

from .models import DataVersion

PK = 1


def current():
    """The current data version (0 before the first change)."""
    return DataVersion.objects.filter(pk=PK).values_list("version", flat=True).first() or 0


def stamp():
    """The current data version with the moment it was reached, e.g. "42.1733312345.12"; "0"
    before the first change.

    A cache keyed on it stays right even when the database goes back to an earlier state (a
    restored backup): the number may repeat, the number with its moment names one state."""
    row = DataVersion.objects.filter(pk=PK).values_list("version", "changed_at").first()
    if row is None:
        return "0"
    return f"{row[0]}.{row[1].timestamp():.6f}"


def bump():
    """Raise the version; cached dashboard fragments of older versions are no longer read."""
    if not DataVersion.objects.filter(pk=PK).update(
        version=F("version") + 1, changed_at=timezone.now()
    ):
        DataVersion.objects.get_or_create(pk=PK, defaults={"version": 1})
