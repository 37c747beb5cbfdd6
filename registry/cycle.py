"""The yearly update cycle (হালনাগাদ): each January a cycle opens, and every household not
re-verified since is stale until its union re-verifies it (by import or on its page)."""

from django.db import transaction
from django.utils import timezone

from .models import Household, UpdateCycle


@transaction.atomic
def open_cycle(today=None):
    """Open this year's cycle if it is not open yet (idempotent); returns the cycle."""
    today = today or timezone.localdate()
    cycle, created = UpdateCycle.objects.get_or_create(
        year=today.year, defaults={"opened_at": timezone.now()}
    )
    if created:
        cycle.households_at_opening = Household.objects.count()
        cycle.save(update_fields=["households_at_opening"])
    return cycle


def current_year(today=None):
    """The year of the cycle in force, or None before the first cycle has opened."""
    cycle = UpdateCycle.current(today)
    return cycle.year if cycle else None


def mark_verified(households, today=None):
    """Record that *households* (a queryset) were re-verified today; returns how many."""
    today = today or timezone.localdate()
    return households.update(verified_year=today.year, verified_on=today)
