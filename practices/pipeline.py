"""The circular (policy) pipeline of a practice: none → nominated at a workshop → presented to
policymakers → under review → circular issued (পরিপত্র জারি) | not adopted.

Every step is a dated `CircularStatusChange` with who moved it, a note and the page that caused
it (a workshop page, or the circular itself). Only NILG curators move a practice; a practice that
was not adopted may be nominated again at a later workshop.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import roles

from .models import CircularPage, CircularStatus, CircularStatusChange, PracticePage

Status = CircularStatus

TRANSITIONS = {
    Status.NONE: (Status.NOMINATED,),
    Status.NOMINATED: (Status.PRESENTED,),
    Status.PRESENTED: (Status.UNDER_REVIEW,),
    Status.UNDER_REVIEW: (Status.CIRCULAR_ISSUED, Status.NOT_ADOPTED),
    Status.CIRCULAR_ISSUED: (),
    Status.NOT_ADOPTED: (Status.NOMINATED,),
}

# The pipeline as shown on a practice page, in order; "not adopted" ends it beside "issued".
STAGES = (
    Status.NONE,
    Status.NOMINATED,
    Status.PRESENTED,
    Status.UNDER_REVIEW,
    Status.CIRCULAR_ISSUED,
)


class PipelineError(ValidationError):
    """A step the pipeline does not allow (an illegal jump, or a circular that is missing)."""


def allowed_next(status):
    """The statuses a practice at `status` may move to next."""
    return TRANSITIONS[Status(status)]


def move(practice, to_status, *, actor, note="", cause=None, date=None):
    """Move `practice` to `to_status` and record the step; returns the `CircularStatusChange`.

    `cause` is the page that caused the step (a workshop page, a circular page); moving to
    "circular issued" needs a circular page that lists the practice. Raises `PermissionDenied`
    when `actor` is not an NILG curator and `PipelineError` when the step is not allowed.
    """
    if actor is None or not roles.is_curator(actor):
        raise PermissionDenied(_("Only NILG curators may change a practice's circular status."))
    to_status = _status(to_status)
    with transaction.atomic():
        # Lock the row so two curators moving the same practice cannot both step from one status.
        current = (
            PracticePage.objects.select_for_update()
            .values_list("circular_status", flat=True)
            .get(pk=practice.pk)
        )
        from_status = Status(current)
        if to_status not in TRANSITIONS[from_status]:
            raise PipelineError(
                _("A practice cannot move from “%(from)s” to “%(to)s”.")
                % {"from": from_status.label, "to": to_status.label},
                code="illegal_step",
            )
        if to_status == Status.CIRCULAR_ISSUED:
            _check_circular(practice, cause)
        change = CircularStatusChange.objects.create(
            practice_id=practice.pk,
            from_status=from_status,
            to_status=to_status,
            date=date or timezone.localdate(),
            actor=actor,
            note=note,
            cause=cause,
        )
        PracticePage.objects.filter(pk=practice.pk).update(circular_status=to_status)
    practice.circular_status = to_status
    return change


def _status(value):
    try:
        return Status(value)
    except ValueError as exc:
        raise PipelineError(
            _("“%(value)s” is not a circular status.") % {"value": value}, code="unknown_status"
        ) from exc


def _check_circular(practice, cause):
    circular = cause.specific if cause is not None else None
    if not isinstance(circular, CircularPage):
        raise PipelineError(
            _("“Circular issued” needs the circular that was issued."), code="circular_missing"
        )
    if not circular.practices.filter(pk=practice.pk).exists():
        raise PipelineError(
            _("The circular “%(circular)s” does not list this practice.")
            % {"circular": circular.title},
            code="circular_does_not_list_practice",
        )
