"""What happens to a decision after the meeting: follow-up notes that change its status, and
the practice's circular status that a nominating decision moves (nominated when the workshop is
published, presented to policymakers when the decision is done)."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from practices.models import CircularStatus
from practices.pipeline import PipelineError, allowed_next, move

from .models import Decision, DecisionStatus, FollowUp

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a step did, as messages for the person who took it."""

    done: list
    refused: list


def record_nominations(workshop, actor):
    """Record at the workshop every nomination its decisions make that is not recorded yet.

    Called when the workshop is published; a nomination the pipeline refuses (the practice moved
    on since the page was edited) stays unrecorded and is reported, to be retried from the
    decision's follow-up page.
    """
    outcome = Outcome([], [])
    pending = Decision.objects.filter(
        workshop_id=workshop.pk,
        nominates_for_circular=True,
        nomination__isnull=True,
        practice__isnull=False,
    ).exclude(status=DecisionStatus.DROPPED)
    for decision in pending.select_related("practice"):
        try:
            nominate(decision, actor, workshop=workshop)
        except (PipelineError, PermissionDenied) as exc:
            logger.warning("Nomination by decision %s not recorded: %s", decision.pk, exc)
            outcome.refused.append(_message(exc))
        else:
            outcome.done.append(
                _("“%(practice)s” is recorded as nominated at this workshop.")
                % {"practice": decision.practice.title}
            )
    return outcome


@transaction.atomic
def nominate(decision, actor, *, workshop=None):
    """Move the decision's practice to “nominated”, with the workshop as the cause.

    Raises the pipeline's `PipelineError` or `PermissionDenied` when the step is refused.
    """
    workshop = workshop or decision.workshop
    change = move(
        decision.practice,
        CircularStatus.NOMINATED,
        actor=actor,
        note=f"{decision.letter_bn}) {decision.text_bn}",
        cause=workshop,
        date=min(workshop.date, timezone.localdate()),
    )
    decision.nomination = change
    Decision.objects.filter(pk=decision.pk).update(nomination=change)
    return change


@transaction.atomic
def record_follow_up(decision, *, author, note, status="", date=None):
    """Add a dated follow-up note to a decision, changing its status when `status` is given.

    A nominating decision that becomes done moves its practice on to “presented to
    policymakers” (when the pipeline allows it). Returns (follow_up, outcome).
    """
    date = date or timezone.localdate()
    follow_up = FollowUp.objects.create(
        decision=decision, date=date, note=note, status=status or "", author=author
    )
    outcome = Outcome([], [])
    if status and status != decision.status:
        decision.status = status
        decision.status_changed_on = date
        Decision.objects.filter(pk=decision.pk).update(status=status, status_changed_on=date)
        if status == DecisionStatus.DONE and decision.nominates_for_circular:
            practice = decision.practice
            if practice is None:
                return follow_up, outcome
            practice.refresh_from_db(fields=["circular_status"])
            if CircularStatus.PRESENTED not in allowed_next(practice.circular_status):
                outcome.refused.append(
                    _(
                        "“%(practice)s” stays “%(status)s”: only a nominated practice can be "
                        "recorded as presented."
                    )
                    % {
                        "practice": practice.title,
                        "status": CircularStatus(practice.circular_status).label,
                    }
                )
                return follow_up, outcome
            try:
                move(
                    practice,
                    CircularStatus.PRESENTED,
                    actor=author,
                    note=note,
                    cause=decision.workshop,
                    date=date,
                )
            except (PipelineError, PermissionDenied) as exc:
                outcome.refused.append(_message(exc))
            else:
                outcome.done.append(
                    _("“%(practice)s” is recorded as presented to policymakers.")
                    % {"practice": practice.title}
                )
    return follow_up, outcome


def _message(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)
