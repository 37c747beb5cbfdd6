"""Where events come from: publishing (practices, circulars, workshops), replications being
recorded or verified, a practice's figures crossing half the threshold or all of it, and (each
morning) decisions falling due for the LGIs responsible."""

import datetime
import math

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import page_published

from imports.signals import job_committed
from portal.models import PortalSettings
from practices.counts import figures_changed
from practices.models import CircularPage, CircularState, PracticePage, Replication
from workshops.models import OPEN_STATUSES, Decision, WorkshopPage

from .events import record
from .models import EventKind

# The import kind of a practice's list of replications (practices.importers).
REPLICATIONS_IMPORT = "practice-replications"


@receiver(page_published, sender=PracticePage)
def practice_published(sender, instance, **kwargs):
    record(EventKind.PUBLISHED, f"published:{instance.pk}", practice=instance, lgi=instance.lgi)


@receiver(post_save, sender=Replication)
def replication_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    practice = PracticePage.objects.filter(pk=instance.practice_id, live=True).first()
    if practice is None:
        return  # a draft's replications are nobody's news yet
    if created:
        record(
            EventKind.REPLICATED,
            f"replicated:{instance.pk}",
            practice=practice,
            lgi=instance.lgi,
        )
    if instance.verified_at is not None:
        record(EventKind.VERIFIED, f"verified:{instance.pk}", practice=practice, lgi=instance.lgi)


@receiver(job_committed)
def replications_imported(sender, job, **kwargs):
    """A list of replications imported is told as one event, with how many it added."""
    if job.kind != REPLICATIONS_IMPORT:
        return
    # The commit wrote its counts to the row, not to the job in hand.
    added = type(job).objects.filter(pk=job.pk).values_list("created_count", flat=True).first()
    if not added:
        return
    practice = (
        PracticePage.objects.filter(pk=job.options.get("practice"), live=True)
        .select_related("lgi")
        .first()
    )
    if practice is not None:
        record(
            EventKind.REPLICATED,
            f"imported:{job.pk}",
            practice=practice,
            number=added,
        )


@receiver(figures_changed)
def milestones(sender, practice_ids, **kwargs):
    threshold = PortalSettings.load().best_practice_threshold
    halfway = math.ceil(threshold / 2)
    reached = PracticePage.objects.filter(
        pk__in=practice_ids, live=True, replication_count__gte=halfway
    ).select_related("lgi")
    for practice in reached:
        count = practice.replication_count
        record(
            EventKind.HALFWAY,
            f"halfway:{practice.pk}",
            practice=practice,
            lgi=practice.lgi,
            number=count,
        )
        if practice.is_best_practice:
            record(
                EventKind.BEST_PRACTICE,
                f"best:{practice.pk}",
                practice=practice,
                lgi=practice.lgi,
                number=count,
            )


@receiver(page_published, sender=CircularPage)
def circular_published(sender, instance, **kwargs):
    practices = list(instance.practices.filter(live=True))
    if instance.state == CircularState.ISSUED:
        record(
            EventKind.CIRCULAR_ISSUED,
            f"circular:{instance.pk}",
            practices=practices,
            circular=instance,
        )
    if instance.supersedes_id:
        record(
            EventKind.CIRCULAR_SUPERSEDED,
            f"superseded:{instance.supersedes_id}",
            practices=practices + list(instance.supersedes.practices.filter(live=True)),
            circular=instance,
        )


@receiver(page_published, sender=WorkshopPage)
def workshop_published(sender, instance, **kwargs):
    decisions = instance.decisions.filter(practice__live=True).select_related("practice")
    for decision in decisions:
        record(
            EventKind.DECISION,
            f"decision:{decision.pk}",
            practice=decision.practice,
            lgi=decision.practice.lgi,
            decision=decision,
        )


# A decision falls due when it is open and due within this many days.
DUE_WITHIN = 7


def decisions_falling_due(today=None):
    """Tell the staff of each LGI responsible for an open decision of a published workshop that
    it falls due (within a week) or is overdue; each once per decision, LGI and due date.
    Returns how many were told."""
    today = today or timezone.localdate()
    decisions = (
        Decision.objects.filter(
            status__in=OPEN_STATUSES,
            workshop__live=True,
            due_date__lte=today + datetime.timedelta(days=DUE_WITHIN),
            responsible_bodies__lgi__isnull=False,
        )
        .select_related("workshop", "practice")
        .prefetch_related("responsible_bodies__lgi")
        .distinct()
    )
    told = 0
    for decision in decisions:
        overdue = decision.due_date < today
        kind = EventKind.DECISION_OVERDUE if overdue else EventKind.DECISION_DUE
        for body in decision.responsible_bodies.all():
            if body.lgi is None:
                continue
            told += bool(
                record(
                    kind,
                    f"{kind}:{decision.pk}:{body.lgi_id}:{decision.due_date.isoformat()}",
                    practice=decision.practice if decision.practice_id else None,
                    lgi=body.lgi,
                    decision=decision,
                )
            )
    return told
