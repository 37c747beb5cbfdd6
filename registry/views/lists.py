"""The registry's lists across unions: priority lists and their exports, the duplicate queue
and its decisions, the imports, the access log, and a practice's impact figures."""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from places.models import Area
from portal.templatetags.hlp import digits

from .. import aggregates, duplicates, priority
from ..access import Reach, has_national_reach, log_access
from ..exports import csv_response, xlsx_response
from ..forms import DecisionForm, PriorityForm
from ..models import AccessAction, AccessLog, DuplicateFlag, FlagKind, FlagStatus
from .common import paginate, personal


def _priority_scope(reach, area):
    """The unions of *area* the user may see; 403 when there are none."""
    if area.is_lgi:
        if not reach.covers(area.pk):
            raise PermissionDenied
        return Area.objects.filter(pk=area.pk)
    lgis = reach.limit(Area.objects.lgis().within(area), "pk")
    if not lgis.exists():
        raise PermissionDenied
    return lgis


PRIORITY_HEADER = [
    "union",
    "ward",
    "village",
    "household_code",
    "head",
    "members",
    "children_under_5",
    "elderly",
    "with_disability",
    "female_headed",
    "landless",
    "criteria",
]


def _priority_rows(households, criteria):
    for household in households:
        yield [
            household.lgi.name,
            household.ward,
            household.village,
            household.code,
            household.head.name if household.head else "",
            household.n_members,
            household.n_children,
            household.n_elderly,
            household.n_disability,
            household.female_headed,
            household.landless,
            "; ".join(str(c.label) for c in priority.matched(household, criteria)),
        ]


@personal
@require_GET
def priority_list(request):
    """Households of an area that meet the chosen criteria, for disaster preparedness; CSV or
    Excel with ?format=csv|xlsx. Every list and export is logged."""
    reach = Reach(request.user)
    if not reach:
        raise PermissionDenied
    # A link that names only the area opens the form with it filled in, without errors; the
    # form itself sends "show", so a form sent with no criterion ticked says so.
    form = PriorityForm(
        request.GET if "criteria" in request.GET or "show" in request.GET else None,
        initial={"area": request.GET.get("area", "")},
    )
    context = {"form": form}
    if form.is_valid():
        area = form.cleaned_data["area"]
        criteria = form.cleaned_data["criteria"]
        lgis = _priority_scope(reach, area)
        households = priority.priority_households(lgis, criteria, timezone.localdate())
        query = f"area {area.key} criteria {','.join(criteria)}"
        single_lgi = area if area.is_lgi else None
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            total = households.count()
            log_access(
                request,
                AccessAction.EXPORT,
                lgi=single_lgi,
                target=f"priority list {export}",
                query=query,
                rows=total,
            )
            rows = _priority_rows(households.iterator(chunk_size=2000), criteria)
            filename = f"priority-{area.key}-{timezone.localdate():%Y%m%d}"
            if export == "csv":
                return csv_response(filename, PRIORITY_HEADER, rows)
            return xlsx_response(filename, PRIORITY_HEADER, rows)
        page = paginate(request, households)
        log_access(
            request,
            AccessAction.PRIORITY_LIST,
            lgi=single_lgi,
            target="priority list",
            query=query,
            rows=len(page),
        )
        context.update(
            {
                "area": area,
                "page": page,
                "rows": [(household, priority.matched(household, criteria)) for household in page],
                "query_string": request.GET.urlencode(),
                "export_query": _query_without(request.GET, "page", "format"),
            }
        )
    return render(request, "registry/priority.html", context)


def _query_without(params, *names):
    """The query string with these parameters left out, every criterion ticked kept and every
    value (an area's Bangla name) encoded."""
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _flag_sides(flag):
    """The two records of a flag the user may see whole (:meth:`Reach.sees_flag`)."""
    return [
        {"lgi": lgi, "person": person, "benefit": benefit}
        for person, benefit, lgi in (
            (flag.person_a, flag.benefit_a, flag.lgi),
            (flag.person_b, flag.benefit_b, flag.other_lgi),
        )
    ]


@personal
@require_GET
def duplicate_queue(request):
    """Suspected duplicates whose two records are both in the user's unions, open ones first.
    A flag across unions is for NILG's registry officers (or anyone who may see both unions):
    a union's staff do not learn from it that a number is known elsewhere."""
    reach = Reach(request.user)
    if not reach:
        raise PermissionDenied
    status = request.GET.get("status", FlagStatus.OPEN)
    if status not in FlagStatus.values:
        status = FlagStatus.OPEN
    kind = request.GET.get("kind", "")
    flags = reach.flags(DuplicateFlag.objects.filter(status=status))
    if kind in FlagKind.values:
        flags = flags.filter(kind=kind)
    page = paginate(
        request,
        flags.select_related("lgi", "other_lgi", "person_a", "person_b").order_by(
            "-created_at", "pk"
        ),
    )
    rows = [(flag, _flag_sides(flag)) for flag in page]
    log_access(
        request,
        AccessAction.DUPLICATES,
        target="duplicate queue",
        query=f"status {status} kind {kind}",
        rows=len(page),
    )
    return render(
        request,
        "registry/duplicates.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "kind": kind,
            "statuses": FlagStatus.choices,
            "kinds": FlagKind.choices,
        },
    )


@personal
@require_http_methods(["GET", "POST"])
def duplicate_detail(request, pk):
    """One flag: both records side by side, and the decision (confirm, dismiss, merge)."""
    reach = Reach(request.user)
    flag = get_object_or_404(
        DuplicateFlag.objects.select_related(
            "lgi",
            "other_lgi",
            "person_a__household",
            "person_b__household",
            "benefit_a__practice",
            "benefit_a__programme",
            "benefit_b__practice",
            "benefit_b__programme",
            "decided_by",
        ),
        pk=pk,
    )
    if not reach.sees_flag(flag):
        # Not 403: that a flag exists is itself what must not be told.
        raise Http404
    form = DecisionForm(request.POST or None)
    confirming = None
    if request.method == "POST" and form.is_valid():
        if form.needs_confirmation():
            confirming = _merge_preview(flag, form.cleaned_data["keep"] or "a")
            form = form.confirmation()
        else:
            try:
                duplicates.decide(
                    flag,
                    form.cleaned_data["decision"],
                    request,
                    keep=form.cleaned_data["keep"] or "a",
                    note=form.cleaned_data["note"],
                )
            except duplicates.DecisionError as exc:
                form.add_error(None, str(exc))
            else:
                if form.cleaned_data["decision"] == FlagStatus.MERGED:
                    messages.success(
                        request,
                        _("The two records are merged. If that was a mistake, undo it here."),
                    )
                    return redirect("registry:duplicate", pk=flag.pk)
                messages.success(request, _("Your decision is recorded."))
                return redirect("registry:duplicates")
    log_access(
        request,
        AccessAction.DUPLICATES,
        lgi=flag.lgi,
        target=f"duplicate flag {flag.pk}",
        rows=2,
    )
    return render(
        request,
        "registry/duplicate.html",
        {
            "flag": flag,
            "sides": _flag_sides(flag),
            "form": form,
            "may_decide": flag.status == FlagStatus.OPEN,
            "confirming": confirming,
            "undo_days": settings.REGISTRY_MERGE_UNDO_DAYS,
            "undoable": _undoable(flag),
        },
    )


def _undoable(flag):
    """The flag's merge that can still be undone, if any."""
    if flag.status != FlagStatus.MERGED:
        return None
    return flag.merges.filter(undone_at__isnull=True, forgotten_at__isnull=True).first()


def _merge_preview(flag, keep):
    """What a merge of this flag will do, for the reviewer to confirm."""
    if flag.kind == FlagKind.REPEAT_BENEFIT:
        kept, removed = (
            (flag.benefit_a, flag.benefit_b) if keep == "a" else (flag.benefit_b, flag.benefit_a)
        )
        return {"benefits": True, "kept": kept, "removed": removed}
    sides = {
        "a": (flag.person_a, _("the first record")),
        "b": (flag.person_b, _("the second record")),
    }
    (kept, kept_side), (removed, removed_side) = sides[keep], sides["b" if keep == "a" else "a"]

    def named(person, side):
        # Two records of one person usually share the name: say which record, and its household.
        if person is None:
            return side
        return _("%(side)s (%(name)s, household %(code)s)") % {
            "side": side,
            "name": person.name,
            "code": digits(person.household.code),
        }

    return {
        "kept": named(kept, kept_side),
        "removed": named(removed, removed_side),
        "moved": removed.benefits.count() if removed is not None else 0,
    }


@personal
@require_POST
def undo_merge(request, pk):
    """Undo the merge decided on a flag: both records and their links as they were."""
    reach = Reach(request.user)
    flag = get_object_or_404(DuplicateFlag.objects.select_related("lgi", "other_lgi"), pk=pk)
    if not reach.sees_flag(flag):
        raise Http404
    merge = flag.merges.filter(undone_at__isnull=True).first()
    if merge is None:
        messages.error(request, _("There is no merge of these records left to undo."))
        return redirect("registry:duplicate", pk=flag.pk)
    try:
        duplicates.undo(merge, request)
    except duplicates.DecisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The merge is undone: both records are back, and the flag is open again.")
        )
    return redirect("registry:duplicate", pk=flag.pk)


@personal
@require_http_methods(["GET", "POST"])
def imports(request):
    """The registry's imports: upload a union's list (it is checked first, and written only
    when committed on the job's page, under /imports/), and the jobs the user may see."""
    if not Reach(request.user):
        raise PermissionDenied
    if not apps.is_installed("imports"):
        return render(request, "registry/imports.html", {"available": False})
    from imports.forms import UploadForm
    from imports.models import ImportJob
    from imports.views import start

    from ..importers import IMPORT_KINDS, RegistryImporter

    form = None
    if RegistryImporter.can_use(request.user):
        form = UploadForm(
            RegistryImporter, request.user, request.POST or None, request.FILES or None
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            return redirect(start(request, RegistryImporter, form))
    jobs = (
        ImportJob.objects.visible_to(request.user)
        .filter(kind__in=IMPORT_KINDS)
        .select_related("scope", "uploaded_by")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "registry/imports.html",
        {
            "available": True,
            "page": paginate(request, jobs),
            "importer": RegistryImporter,
            "form": form,
        },
    )


@login_required
@require_GET
def practice_impact(request, practice_id):
    """A practice's beneficiaries from the registry by fiscal year and district, for NILG's
    registry officers, who may see every record behind them. Everyone else reads the protected
    figures of the dashboards and the practice page: these breakdowns, beside the published
    totals of a theme or a district, could give a count under 5 away by subtraction."""
    from practices.models import PracticePage

    if not has_national_reach(request.user):
        raise PermissionDenied

    practice = get_object_or_404(PracticePage.objects.live(), pk=practice_id)
    return render(
        request,
        "registry/impact.html",
        {"practice": practice, "figures": aggregates.beneficiaries_for_practice(practice)},
    )


@personal
@require_GET
def access_log(request):
    """The access log, for NILG registry officers (national scope) to audit; read-only."""
    if not has_national_reach(request.user):
        raise PermissionDenied
    entries = AccessLog.objects.select_related("lgi").order_by("-at", "-pk")
    key = request.GET.get("union", "").strip()
    if key:
        entries = entries.filter(lgi__key=key)
    return render(
        request, "registry/access_log.html", {"page": paginate(request, entries), "union": key}
    )
