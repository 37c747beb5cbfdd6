import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from practices import rechecks

from .calendars import ical_feed, month_grid, weekday_names
from .commitments import can_replicate
from .models import ExposureVisit, ResponsibleBody, WorkshopPage
from .pdf import minutes_pdf as render_minutes_pdf
from .queries import open_decisions, unmet_commitments

VISITS_PER_PAGE = 20
COMMITMENTS_SHOWN = 200
RECHECKS_SHOWN = 200


def actions(request):
    """Open decisions across workshops by responsible body, overdue first, commitments to
    replicate still unmet six months after the visit, and re-checks of completed replications
    that are due or overdue (with a link for whoever may record one)."""
    today = timezone.localdate()
    groups = open_decisions(today)
    body = request.GET.get("body", "")
    shown = groups
    if body == "none":
        shown = [group for group in groups if group.body is None]
    elif body.isdigit():
        shown = [group for group in groups if group.body and group.body.pk == int(body)]
    commitments = unmet_commitments(today)
    commitment_rows = list(commitments[:COMMITMENTS_SHOWN])
    for commitment in commitment_rows:
        commitment.can_replicate = can_replicate(request.user, commitment)
    due = rechecks.due_replications(today)
    due_rows = list(due[:RECHECKS_SHOWN])
    return render(
        request,
        "workshops/actions.html",
        {
            "groups": groups,
            "shown_groups": shown,
            "selected_body": body,
            "today": today,
            "commitments": commitment_rows,
            "commitment_total": commitments.count()
            if len(commitment_rows) == COMMITMENTS_SHOWN
            else len(commitment_rows),
            "bodies": ResponsibleBody.objects.all(),
            "rechecks": rechecks.due_list(due_rows, request.user, today),
            "recheck_total": due.count() if len(due_rows) == RECHECKS_SHOWN else len(due_rows),
            "actions_url": request.get_full_path(),
        },
    )


def calendar_ics(request):
    response = HttpResponse(ical_feed(request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hlp-workshops.ics"'
    return response


def calendar_month(request):
    today = timezone.localdate()
    year, month = today.year, today.month
    requested = request.GET.get("month", "")
    if requested:
        try:
            chosen = datetime.datetime.strptime(requested, "%Y-%m").date()
        except ValueError as exc:
            raise Http404("No such month") from exc
        year, month = chosen.year, chosen.month
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    weeks = month_grid(year, month)
    return render(
        request,
        "workshops/calendar_month.html",
        {
            "month": first,
            "weeks": weeks,
            "month_has_events": any(
                day.has_events and day.in_month for week in weeks for day in week
            ),
            "weekdays": weekday_names(),
            "previous": previous,
            "following": following,
            "today": today,
        },
    )


def visit_list(request):
    visits = ExposureVisit.objects.select_related("host_lgi").prefetch_related(
        "visiting_lgis__lgi", "practices_seen__practice"
    )
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workshops/visit_list.html", {"visits": page})


def visit_detail(request, pk):
    visit = get_object_or_404(
        ExposureVisit.objects.select_related(
            "host_lgi", "host_lgi__upazila", "host_lgi__district"
        ).prefetch_related(
            "visiting_lgis__lgi",
            "practices_seen__practice",
            "commitments__lgi",
            "commitments__practice",
            "commitments__replication",
        ),
        pk=pk,
    )
    commitments = list(visit.commitments.all())
    for commitment in commitments:
        commitment.can_replicate = commitment.replication_id is None and can_replicate(
            request.user, commitment
        )
    return render(
        request,
        "workshops/visit_detail.html",
        {"visit": visit, "commitments": commitments, "today": timezone.localdate()},
    )


def minutes_pdf(request, slug):
    """A published workshop's minutes, attendance and decisions as a PDF document."""
    workshop = WorkshopPage.objects.live().select_related("area").filter(slug=slug).first()
    if workshop is None:
        raise Http404("No such workshop")
    # The PDF is served beside the page, so it must not show what the page would not.
    if any(not r.accept_request(request) for r in workshop.get_view_restrictions()):
        raise Http404("No such workshop")
    response = HttpResponse(render_minutes_pdf(workshop), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{workshop.pk}.pdf"'
    return response
