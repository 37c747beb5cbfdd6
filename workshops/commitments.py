"""Turning an exposure visit's commitment to replicate into a replication (status planned)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal import roles
from practices.models import Replication, ReplicationStatus


@dataclass
class Result:
    replication: Replication
    created: bool
    message: str


def can_replicate(user, commitment):
    return roles.can_edit_lgi(user, commitment.lgi)


@transaction.atomic
def make_replication(commitment, user):
    """Start a planned replication of the committed practice by the committed LGI.

    There is one replication per practice and LGI: when the LGI already has one, no second is
    made and the commitment is linked to the one there is. Raises `ValidationError` with the
    replication's own checks (an LGI does not replicate its own practice, …).
    """
    if not can_replicate(user, commitment):
        raise PermissionDenied(
            _("Only staff of %(lgi)s or NILG curators can start its replications.")
            % {"lgi": commitment.lgi.name}
        )
    if commitment.replication_id is not None:
        raise ValidationError(
            _("This commitment is already a replication."), code="already_replicated"
        )
    names = {"practice": commitment.practice.title, "lgi": commitment.lgi.name}
    existing = Replication.objects.filter(practice=commitment.practice, lgi=commitment.lgi)
    replication, created = existing.first(), False
    if replication is None:
        replication = Replication(
            practice=commitment.practice, lgi=commitment.lgi, status=ReplicationStatus.PLANNED
        )
        replication.full_clean()
        try:
            with transaction.atomic():
                replication.save()
                created = True
        except IntegrityError:
            # Someone recorded the same replication a moment ago.
            replication = existing.get()
    commitment.replication = replication
    type(commitment).objects.filter(pk=commitment.pk).update(replication=replication)
    if created:
        message = _("%(lgi)s now has a planned replication of “%(practice)s”.") % names
    else:
        message = _(
            "%(lgi)s already has a replication of “%(practice)s” (%(status)s): an LGI has one "
            "replication per practice, so no second one was made and the commitment now points "
            "to the existing one."
        ) % {**names, "status": replication.get_status_display()}
    return Result(replication, created, message)
