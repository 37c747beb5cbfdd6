"""The registry's screens under /registry/. Personal data only for users whose reach covers the
union (:mod:`registry.access`), every view of it logged; everyone else sees figures only."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangla import fold_digits, name_key
from places.models import Area
from portal.roles import can_view_personal_data

from . import aggregates, cycle, duplicates, priority
from .access import Reach, has_national_reach, log_access
from .exports import csv_response, xlsx_response
from .forms import DecisionForm, PriorityForm, SearchForm
from .identity import hashes_for_query, mask
from .models import (
    AccessAction,
    AccessLog,
    Benefit,
    DuplicateFlag,
    FlagKind,
    FlagStatus,
    Household,
    Person,
)

PAGE_SIZE = 50
SEARCH_LIMIT = 50


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _personal(view):
    """Login required, never cached by a browser or proxy, and not indexed."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(never_cache(wrapped))


def _lgi_or_403(request, key):
    lgi = get_object_or_404(Area.objects.lgis().select_related("upazila", "district"), key=key)
    if not can_view_personal_data(request.user, lgi):
        raise PermissionDenied
    return lgi


def _in_reach_or_404(request, lgi):
    # 404 rather than 403 for a record: whether it exists is not for other unions to learn.
    if not can_view_personal_data(request.user, lgi):
        raise Http404


@_personal
@require_GET
def index(request):
    """Figures for everyone; the unions a user may open, for those who may."""
    reach = Reach(request.user)
    unions = None
    if reach:
        with_data = Area.objects.lgis().filter(Exists(Household.objects.filter(lgi=OuterRef("pk"))))
        unions = _page(
            request,
            reach.limit(with_data, "pk").select_related("upazila", "district").order_by("name_en"),
        )
    return render(
        request,
        "registry/index.html",
        {
            "unions": unions,
            "national": reach.national,
            "by_district": aggregates.beneficiaries_by_area("district")[:20],
            "totals": aggregates.registry_totals(),
        },
    )


@_personal
@require_GET
def union_overview(request, key):
    """A union's households, persons and the households stale in the current update cycle."""
    lgi = _lgi_or_403(request, key)
    cycle_year = cycle.current_year()
    households = Household.objects.filter(lgi=lgi)
    page = _page(
        request,
        households.select_related("head")
        .annotate(n_members=Count("members"))
        .order_by("ward", "code"),
    )
    log_access(request, AccessAction.VIEW_UNION, lgi=lgi, target=f"union {lgi.key}", rows=len(page))
    return render(
        request,
        "registry/union.html",
        {
            "lgi": lgi,
            "page": page,
            "cycle_year": cycle_year,
            "household_count": households.count(),
            "person_count": Person.objects.filter(lgi=lgi).count(),
            "stale_count": households.stale(cycle_year).count() if cycle_year else 0,
        },
    )


@_personal
@require_GET
def stale_households(request, key):
    """The union's households not re-verified since the current update cycle opened."""
    lgi = _lgi_or_403(request, key)
    cycle_year = cycle.current_year()
    households = (
        Household.objects.filter(lgi=lgi).stale(cycle_year)
        if cycle_year
        else (Household.objects.none())
    )
    page = _page(request, households.select_related("head").order_by("ward", "code"))
    log_access(
        request,
        AccessAction.VIEW_UNION,
        lgi=lgi,
        target=f"stale households of {lgi.key}",
        rows=len(page),
    )
    return render(
        request, "registry/stale.html", {"lgi": lgi, "page": page, "cycle_year": cycle_year}
    )


@_personal
@require_GET
def household_detail(request, pk):
    """A household with its members (identity numbers masked) and the benefits they received."""
    household = get_object_or_404(
        Household.objects.select_related("lgi", "lgi__upazila", "lgi__district", "head"), pk=pk
    )
    _in_reach_or_404(request, household.lgi)
    members = list(household.members.order_by("pk"))
    benefits = (
        Benefit.objects.filter(household=household)
        .select_related("person", "practice", "programme")
        .order_by("-fiscal_year", "pk")[:200]
    )
    log_access(
        request,
        AccessAction.VIEW_HOUSEHOLD,
        lgi=household.lgi,
        target=f"household {household.pk}",
        rows=len(members),
    )
    cycle_year = cycle.current_year()
    return render(
        request,
        "registry/household.html",
        {
            "household": household,
            "members": members,
            "benefits": benefits,
            "cycle_year": cycle_year,
            "stale": household.is_stale(cycle_year),
        },
    )


@_personal
@require_POST
def verify_household(request, pk):
    """Record that the household's details were re-verified in this year's update."""
    household = get_object_or_404(Household.objects.select_related("lgi"), pk=pk)
    _in_reach_or_404(request, household.lgi)
    cycle.mark_verified(Household.objects.filter(pk=household.pk))
    log_access(request, AccessAction.VERIFY, lgi=household.lgi, target=f"household {household.pk}")
    messages.success(request, _("The household is marked as verified for this year."))
    return redirect("registry:household", pk=household.pk)


def _person_context(person):
    flags = DuplicateFlag.objects.filter(
        Q(person_a=person) | Q(person_b=person), status=FlagStatus.OPEN
    )
    return {
        "person": person,
        "benefits": person.benefits.select_related(
            "practice", "programme", "replication__lgi"
        ).order_by("-fiscal_year", "pk")[:200],
        "flags": flags,
    }


@_personal
@require_GET
def person_detail(request, pk):
    """A person's record; the identity number shows its last three digits only."""
    person = get_object_or_404(
        Person.objects.select_related("household", "lgi", "lgi__upazila", "lgi__district"), pk=pk
    )
    _in_reach_or_404(request, person.lgi)
    log_access(request, AccessAction.VIEW_PERSON, lgi=person.lgi, target=f"person {person.pk}")
    return render(request, "registry/person.html", _person_context(person))


@_personal
@require_POST
@sensitive_variables("number")
def reveal_identity(request, pk):
    """Show a person's full identity number once, on request; the reveal is logged."""
    person = get_object_or_404(
        Person.objects.select_related("household", "lgi", "lgi__upazila", "lgi__district"), pk=pk
    )
    _in_reach_or_404(request, person.lgi)
    log_access(request, AccessAction.REVEAL_ID, lgi=person.lgi, target=f"person {person.pk}")
    number = person.reveal_identity()
    return render(request, "registry/person.html", {**_person_context(person), "revealed": number})


@_personal
@sensitive_post_parameters("q")
@sensitive_variables("query", "form", "searched_for", "hashes")
@require_http_methods(["GET", "POST"])
def search(request):
    """Find persons by name (normalised) or identity number (its hash), in the unions the user
    may see. A POST form, so that neither lands in a URL or a server log."""
    reach = Reach(request.user)
    if not reach:
        raise PermissionDenied
    results = None
    searched_for = ""
    form = SearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        query = form.cleaned_data["q"].strip()
        union = form.cleaned_data["union"]
        people = reach.limit(Person.objects.all())
        if union is not None:
            if not reach.covers(union.pk):
                raise PermissionDenied
            people = people.filter(lgi=union)
        hashes = hashes_for_query(query)
        if hashes:
            people = people.filter(id_hash__in=hashes)
            logged_query = f"id {mask(fold_digits(query))}"
            # The number goes no further than this request: not back into the page.
            form = SearchForm(initial={"union": request.POST.get("union", "")})
            searched_for = mask(fold_digits(query))
        else:
            key = name_key(query)
            bangla, english = Q(), Q()
            for token in key.split():
                bangla &= Q(name_key__contains=token)
            for word in query.split():
                english &= Q(name_en__icontains=word)
            people = people.filter(bangla | english) if key else people.none()
            logged_query = f"name {query}"
        results = list(
            people.select_related("household", "lgi").order_by("lgi__name_en", "name_key", "pk")[
                :SEARCH_LIMIT
            ]
        )
        log_access(
            request,
            AccessAction.SEARCH,
            lgi=union,
            query=logged_query + (f" union {union.key}" if union else ""),
            rows=len(results),
        )
    return render(
        request,
        "registry/search.html",
        {"form": form, "results": results, "limit": SEARCH_LIMIT, "searched_for": searched_for},
    )


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


@_personal
@require_GET
def priority_list(request):
    """Households of an area that meet the chosen criteria, for disaster preparedness; CSV or
    Excel with ?format=csv|xlsx. Every list and export is logged."""
    reach = Reach(request.user)
    if not reach:
        raise PermissionDenied
    # A link that names only the area opens the form with it filled in, without errors.
    form = PriorityForm(
        request.GET if "criteria" in request.GET else None,
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
        page = _page(request, households)
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
                "export_query": "&".join(
                    f"{name}={value}"
                    for name, value in request.GET.items()
                    if name not in ("page", "format")
                ),
            }
        )
    return render(request, "registry/priority.html", context)


def _flag_sides(flag, reach):
    sides = []
    for person, benefit, lgi in (
        (flag.person_a, flag.benefit_a, flag.lgi),
        (flag.person_b, flag.benefit_b, flag.other_lgi),
    ):
        sides.append(
            {
                "visible": reach.covers(lgi.pk),
                "lgi": lgi,
                "person": person,
                "benefit": benefit,
            }
        )
    return sides


@_personal
@require_GET
def duplicate_queue(request):
    """Suspected duplicates in the user's unions, open ones first."""
    reach = Reach(request.user)
    if not reach:
        raise PermissionDenied
    status = request.GET.get("status", FlagStatus.OPEN)
    if status not in FlagStatus.values:
        status = FlagStatus.OPEN
    kind = request.GET.get("kind", "")
    flags = DuplicateFlag.objects.filter(status=status)
    if not reach.national:
        flags = flags.filter(Q(lgi__in=reach.lgi_ids) | Q(other_lgi__in=reach.lgi_ids))
    if kind in FlagKind.values:
        flags = flags.filter(kind=kind)
    page = _page(
        request,
        flags.select_related("lgi", "other_lgi", "person_a", "person_b").order_by(
            "-created_at", "pk"
        ),
    )
    rows = [(flag, _flag_sides(flag, reach)) for flag in page]
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


@_personal
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
    if not (reach.covers(flag.lgi_id) or reach.covers(flag.other_lgi_id)):
        raise Http404
    may_decide = reach.covers(flag.lgi_id) and reach.covers(flag.other_lgi_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
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
            "sides": _flag_sides(flag, reach),
            "form": form,
            "may_decide": may_decide and flag.status == FlagStatus.OPEN,
        },
    )


@_personal
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

    from .importers import IMPORT_KINDS, RegistryImporter

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
            "page": _page(request, jobs),
            "importer": RegistryImporter,
            "form": form,
        },
    )


@login_required
@require_GET
def practice_impact(request, practice_id):
    """A practice's beneficiaries from the registry: figures only, counts under 5 as "<5"."""
    from practices.models import PracticePage

    practice = get_object_or_404(PracticePage.objects.live(), pk=practice_id)
    return render(
        request,
        "registry/impact.html",
        {"practice": practice, "figures": aggregates.beneficiaries_for_practice(practice)},
    )


@_personal
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
        request, "registry/access_log.html", {"page": _page(request, entries), "union": key}
    )
