"""Questions other pages ask of workshops: where a practice was presented and what was
decided about it, which decisions are still open, which commitments are still unmet."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from portal import restrictions
from portal.templatetags.hlp import num

from .models import (
    OPEN_STATUSES,
    Decision,
    ExposureVisit,
    ReplicationCommitment,
    WorkshopPage,
)
from .models.visits import COMMITMENT_GRACE_MONTHS, add_months


@dataclass
class PracticeWorkshop:
    """A workshop where a practice was presented or decided about, with those decisions."""

    workshop: WorkshopPage
    decisions: list = field(default_factory=list)


def published_workshops():
    """Workshops anyone may read: live and without a view restriction (a workshop shown only to
    signed-in users or a group stays off every listing, feed and practice page)."""
    return restrictions.public(WorkshopPage.objects.live())


def workshops_for_practice(practice):
    """The published workshops that presented `practice` or decided about it, newest first,
    each with its decisions that concern the practice (in order). Three queries."""
    workshops = list(
        published_workshops()
        .filter(Q(presented_practices__practice=practice) | Q(decisions__practice=practice))
        .distinct()
        .select_related("area")
        .order_by("-starts_at", "-pk")
    )
    by_workshop = {workshop.pk: PracticeWorkshop(workshop) for workshop in workshops}
    decisions = (
        Decision.objects.filter(workshop_id__in=by_workshop, practice=practice)
        .prefetch_related("responsible_bodies")
        .order_by("workshop_id", "sort_order", "pk")
    )
    for decision in decisions:
        by_workshop[decision.workshop_id].decisions.append(decision)
    return list(by_workshop.values())


@dataclass
class BodyActions:
    """The open decisions a responsible body is asked to carry out (None: no body named)."""

    body: object
    decisions: list

    @property
    def overdue_count(self):
        return sum(1 for decision in self.decisions if decision.overdue)


def _sort_key(decision):
    return (
        not decision.overdue,
        decision.due_date is None,
        decision.due_date or datetime.date.max,
        decision.workshop.starts_at,
        decision.sort_order or 0,
    )


def overdue_text(days):
    """How long a decision is overdue, in the unit a reader takes in at once: days up to two
    months, then months up to two years, then whole years."""
    if days <= 0:
        return ""
    if days < 60:
        return ngettext("Overdue by %(n)s day", "Overdue by %(n)s days", days) % {"n": num(days)}
    if days < 730:
        months = days // 30
        return ngettext("Overdue by %(n)s month", "Overdue by %(n)s months", months) % {
            "n": num(months)
        }
    years = days // 365
    return ngettext(
        "Overdue by more than %(n)s year", "Overdue by more than %(n)s years", years
    ) % {"n": num(years)}


def open_decisions(today=None):
    """Every open or in-progress decision of a published workshop, grouped by responsible body
    (a decision with several bodies appears under each), overdue first, then by due date."""
    today = today or timezone.localdate()
    decisions = list(
        Decision.objects.filter(status__in=OPEN_STATUSES, workshop__in=published_workshops())
        .select_related("workshop", "practice")
        .prefetch_related("responsible_bodies")
    )
    groups = {}
    for decision in decisions:
        decision.overdue_days = decision.days_overdue(today)
        decision.overdue = decision.overdue_days > 0
        decision.overdue_text = overdue_text(decision.overdue_days)
        bodies = list(decision.responsible_bodies.all()) or [None]
        for body in bodies:
            key = body.pk if body else None
            groups.setdefault(key, BodyActions(body, [])).decisions.append(decision)
    for group in groups.values():
        group.decisions.sort(key=_sort_key)
    return sorted(groups.values(), key=lambda g: (g.body is None, g.body and g.body.name))


def unmet_commitments(today=None):
    """Commitments to replicate that are still not a replication six months after the visit,
    oldest visit first."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -COMMITMENT_GRACE_MONTHS)
    return (
        ReplicationCommitment.objects.filter(replication__isnull=True, visit__starts_on__lte=cutoff)
        .select_related("visit", "visit__host_lgi", "lgi", "practice")
        .order_by("visit__starts_on", "visit_id", "sort_order", "pk")
    )


def upcoming_workshops(now=None):
    """Published workshops that have not ended yet, soonest first."""
    now = now or timezone.now()
    return (
        published_workshops()
        .filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now))
        .select_related("area")
        .order_by("starts_at", "pk")
    )


def upcoming_visits(today=None):
    """Exposure visits that have not ended yet, soonest first."""
    today = today or timezone.localdate()
    return (
        ExposureVisit.objects.filter(
            Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today)
        )
        .select_related("host_lgi")
        .prefetch_related("visiting_lgis__lgi")
        .order_by("starts_on", "pk")
    )


def practice_section(request, practice):
    """The practice page's section on the workshops that presented it and what they decided."""
    workshops = workshops_for_practice(practice)
    return {"workshops": workshops} if workshops else None
