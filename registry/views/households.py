"""The registry's home and a union's records: its households, their members, the update
cycle's stale list, and the search for persons. Personal data only for users whose reach covers
the union (:mod:`registry.access`), every view of it logged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangla import name_key
from places.models import Area
from portal.privacy import find_identity_numbers, mask_identity_numbers

from .. import aggregates, cycle
from ..access import Reach, log_access
from ..forms import SearchForm
from ..identity import hashes_for_query, mask, query_digits
from ..models import AccessAction, Benefit, DuplicateFlag, FlagStatus, Household, Person
from .common import in_reach_or_404, lgi_or_403, paginate, personal

SEARCH_LIMIT = 50


@personal
@require_GET
def index(request):
    """Figures for everyone; the unions a user may open, for those who may."""
    reach = Reach(request.user)
    unions = None
    if reach:
        with_data = Area.objects.lgis().filter(Exists(Household.objects.filter(lgi=OuterRef("pk"))))
        unions = paginate(
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


@personal
@require_GET
def union_overview(request, key):
    """A union's households, persons and the households stale in the current update cycle."""
    lgi = lgi_or_403(request, key)
    cycle_year = cycle.current_year()
    households = Household.objects.filter(lgi=lgi)
    page = paginate(
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


@personal
@require_GET
def stale_households(request, key):
    """The union's households not re-verified since the current update cycle opened."""
    lgi = lgi_or_403(request, key)
    cycle_year = cycle.current_year()
    households = (
        Household.objects.filter(lgi=lgi).stale(cycle_year)
        if cycle_year
        else (Household.objects.none())
    )
    page = paginate(request, households.select_related("head").order_by("ward", "code"))
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


@personal
@require_GET
def household_detail(request, pk):
    """A household with its members (identity numbers masked) and the benefits they received."""
    household = get_object_or_404(
        Household.objects.select_related("lgi", "lgi__upazila", "lgi__district", "head"), pk=pk
    )
    in_reach_or_404(request, household.lgi)
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


@personal
@require_POST
def verify_household(request, pk):
    """Record that the household's details were re-verified in this year's update."""
    household = get_object_or_404(Household.objects.select_related("lgi"), pk=pk)
    in_reach_or_404(request, household.lgi)
    cycle.mark_verified(Household.objects.filter(pk=household.pk))
    log_access(request, AccessAction.VERIFY, lgi=household.lgi, target=f"household {household.pk}")
    messages.success(request, _("The household is marked as verified for this year."))
    return redirect("registry:household", pk=household.pk)


def _person_context(request, person):
    flags = Reach(request.user).flags(
        DuplicateFlag.objects.filter(
            Q(person_a=person) | Q(person_b=person), status=FlagStatus.OPEN
        )
    )
    return {
        "person": person,
        "benefits": person.benefits.select_related(
            "practice", "programme", "replication__lgi"
        ).order_by("-fiscal_year", "pk")[:200],
        "flags": flags,
    }


@personal
@require_GET
def person_detail(request, pk):
    """A person's record; the identity number shows its last three digits only."""
    person = get_object_or_404(
        Person.objects.select_related("household", "lgi", "lgi__upazila", "lgi__district"), pk=pk
    )
    in_reach_or_404(request, person.lgi)
    log_access(request, AccessAction.VIEW_PERSON, lgi=person.lgi, target=f"person {person.pk}")
    return render(request, "registry/person.html", _person_context(request, person))


@personal
@require_POST
@sensitive_variables("number")
def reveal_identity(request, pk):
    """Show a person's full identity number once, on request; the reveal is logged."""
    person = get_object_or_404(
        Person.objects.select_related("household", "lgi", "lgi__upazila", "lgi__district"), pk=pk
    )
    in_reach_or_404(request, person.lgi)
    log_access(request, AccessAction.REVEAL_ID, lgi=person.lgi, target=f"person {person.pk}")
    number = person.reveal_identity()
    return render(
        request, "registry/person.html", {**_person_context(request, person), "revealed": number}
    )


def _masked_search(data):
    """The search form's data with every long run of digits masked."""
    return {name: mask_identity_numbers(data.get(name, "")) for name in ("q", "union")}


@personal
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
    if request.method == "POST" and not form.is_valid():
        # The form comes back with what was typed: never a number in clear.
        form = SearchForm(_masked_search(request.POST))
        form.is_valid()
    elif request.method == "POST":
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
            searched_for = mask(query_digits(query))
            logged_query = f"id {searched_for}"
            # The number goes no further than this request: not back into the page.
            form = SearchForm(
                initial={"union": mask_identity_numbers(request.POST.get("union", ""))}
            )
        else:
            key = name_key(query)
            bangla, english = Q(), Q()
            for token in key.split():
                bangla &= Q(name_key__contains=token)
            for word in query.split():
                english &= Q(name_en__icontains=word)
            people = people.filter(bangla | english) if key else people.none()
            # A long number that is not an identity number (a digit too many, a slip) is
            # masked like one, in the log and in the search box.
            logged_query = f"name {mask_identity_numbers(query)}"
            if find_identity_numbers(query):
                form = SearchForm(_masked_search(request.POST))
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
