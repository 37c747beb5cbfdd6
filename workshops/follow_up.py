"""What happens to a decision after the meeting: follow-up notes that change its status, and
the practice's circular status that a nominating decision moves (nominated on the workshop's
date, once it is published; presented to policymakers when the decision is done).

A workshop's decisions change nothing before the workshop's date: a workshop published ahead of
its day lists its practices as to be presented, and its nominations are recorded on the day
(`record_due_nominations`, run daily by Celery beat), dated the workshop's date."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bangla import to_bangla_digits
from practices.models import CircularStatus
from practices.pipeline import PipelineError, allowed_next, move

from .models import Decision, DecisionStatus, FollowUp, WorkshopPage

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a step did, as messages for the person who took it."""

    done: list
    refused: list


def _pending_nominations():
    return Decision.objects.filter(
        nominates_for_circular=True, nomination__isnull=True, practice__isnull=False
    ).exclude(status=DecisionStatus.DROPPED)


def has_taken_place(workshop, today=None):
    """Whether the workshop's date has come (its decisions may change a practice from then)."""
    return workshop.date <= (today or timezone.localdate())


def record_nominations(workshop, actor):
    """Record at the workshop every nomination its decisions make that is not recorded yet.

    Called when the workshop is published, and daily for workshops whose date has come; before
    the workshop's date nothing is recorded. A nomination the pipeline refuses (the practice
    moved on since the page was edited) stays unrecorded and is reported, to be retried from
    the decision's follow-up page.
    """
    outcome = Outcome([], [])
    if not has_taken_place(workshop):
        return outcome
    pending = _pending_nominations().filter(workshop_id=workshop.pk)
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


def record_due_nominations(today=None):
    """Record the nominations of published workshops whose date has come (a workshop published
    ahead of its day records them on the day), each by whoever published the workshop.
    Returns the number recorded; safe to run again."""
    today = today or timezone.localdate()
    workshop_ids = _pending_nominations().values("workshop_id")
    recorded = 0
    for workshop in WorkshopPage.objects.live().filter(pk__in=workshop_ids):
        if not has_taken_place(workshop, today):
            continue
        revision = workshop.live_revision or workshop.latest_revision
        actor = getattr(revision, "user", None) or workshop.owner
        recorded += len(record_nominations(workshop, actor).done)
    return recorded


def _not_before_workshop(workshop, practice, what):
    return PipelineError(
        _("“%(practice)s” cannot be recorded as %(what)s before the workshop's date (%(date)s).")
        % {"practice": practice.title, "what": what, "date": _day(workshop.date)},
        code="before_workshop",
    )


@transaction.atomic
def nominate(decision, actor, *, workshop=None):
    """Move the decision's practice to “nominated”, with the workshop as the cause, dated the
    workshop's date.

    Raises the pipeline's `PipelineError` or `PermissionDenied` when the step is refused,
    and `PipelineError` before the workshop's date.
    """
    workshop = workshop or decision.workshop
    if not has_taken_place(workshop):
        raise _not_before_workshop(workshop, decision.practice, _("nominated"))
    change = move(
        decision.practice,
        CircularStatus.NOMINATED,
        actor=actor,
        note=f"{decision.letter_bn}) {decision.text_bn}",
        cause=workshop,
        date=workshop.date,
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
            if date < decision.workshop.date:
                outcome.refused.append(
                    _not_before_workshop(
                        decision.workshop, practice, _("presented to policymakers")
                    ).messages[0]
                )
                return follow_up, outcome
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


def _day(day):
    text = day.strftime("%d/%m/%Y")
    return text if (get_language() or "bn").startswith("en") else to_bangla_digits(text)


def _message(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)
