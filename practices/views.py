"""The practice page's own forms: “we did this too” for UP editors, and NILG's verification of
the replications it lists (see `practices.replicate`); and the re-check of a completed
replication a year or three after it ended (see `practices.rechecks`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import counts, rechecks, replicate
from .models import PracticePage, RecheckMilestone, Replication


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


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def record_recheck(request, pk, years):
    """Record (or correct) the re-check of a completed replication `years` (1 or 3) after it
    ended: NILG's curators for any LGI, an UP editor for their own LGIs only."""
    replication = get_object_or_404(
        Replication.objects.select_related(
            "practice", "lgi", "lgi__upazila", "lgi__district", "lgi__division"
        ),
        pk=pk,
    )
    if not rechecks.recordable(replication, years):
        raise Http404("No such re-check")
    if not rechecks.may_record(request.user, replication.lgi_id):
        raise PermissionDenied
    form = rechecks.RecheckForm(
        request.POST or None,
        request.FILES or None,
        replication=replication,
        milestone=years,
        user=request.user,
    )
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        recheck = form.save()
        # The practice page shows the new figures at once, not after the background recount.
        counts.recompute([replication.practice_id])
        messages.success(
            request,
            _("Recorded: %(lgi)s, “%(practice)s”, %(when)s — %(outcome)s.")
            % {
                "lgi": replication.lgi.name,
                "practice": replication.practice.display_title,
                "when": recheck.get_milestone_display(),
                "outcome": recheck.get_outcome_display(),
            },
        )
        return redirect(next_url or replication.practice.url or "my_work")
    response = render(
        request,
        "practices/recheck_form.html",
        {
            "form": form,
            "replication": replication,
            "label": RecheckMilestone(years).label,
            "due_on": rechecks.due_on(replication.end_date, years),
            "next": next_url,
        },
    )
    if request.method == "POST":
        response.status_code = 400
    return response
