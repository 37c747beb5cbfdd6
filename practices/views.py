"""The practice page's own forms: “we did this too” for UP editors, and NILG's verification of
the replications it lists (see `practices.replicate`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import counts, replicate
from .models import PracticePage, Replication


def _is_bangla():
    return not (get_language() or "bn").startswith("en")


@require_POST
def record_replication(request, page_id):
    """Record a replication of the practice (and its budget line) for one of the user's LGIs;
    back to the practice page, which shows it. A request naming any other LGI is refused."""
    practice = get_object_or_404(PracticePage.objects.live(), pk=page_id)
    lgis = replicate.recordable_lgis(request.user, practice)
    if not lgis.exists():
        raise PermissionDenied
    posted = request.POST.get("lgi", "")
    if posted and not lgis.filter(pk=posted if posted.isdigit() else None).exists():
        raise PermissionDenied
    form = replicate.ReplicationReportForm(
        request.POST, practice=practice, lgis=lgis, bangla_digits=_is_bangla()
    )
    if form.is_valid():
        try:
            replication = form.save()
        except ValidationError as error:
            form.add_model_errors(error)
        else:
            # The page shows the new figures at once, not when the background recount has run.
            counts.recompute([practice.pk])
            messages.success(
                request,
                _(
                    "Recorded: %(lgi)s replicated “%(practice)s”. NILG will verify it; until then "
                    "it is listed without the ✓."
                )
                % {"lgi": replication.lgi.name, "practice": practice.display_title},
            )
            return redirect(f"{practice.url}#replications-heading")
    request.replication_form = form
    response = practice.serve(request)
    response.status_code = 400
    return response


@require_POST
def verify_replication(request, pk):
    """NILG's curator confirms a replication listed on the practice page."""
    if not replicate.may_verify(request.user):
        raise PermissionDenied
    replication = get_object_or_404(Replication.objects.select_related("practice", "lgi"), pk=pk)
    replicate.verify(replication, request.user)
    practice = replication.practice
    messages.success(
        request,
        _("%(lgi)s's replication of “%(practice)s” is verified.")
        % {"lgi": replication.lgi.name, "practice": practice.display_title},
    )
    return redirect(f"{practice.url}#to-verify")
