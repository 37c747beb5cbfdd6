"""What the practices app's pages show, built with a bounded number of queries however many
replications, budget lines or circulars there are."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch

from hlp_site.models import PortalSettings

from . import budget, sections
from .filters import CircularFilter, PracticeFilter
from .models import CircularPage, CircularStatus, PracticePage, ReplicationStatus
from .pipeline import STAGES

PER_PAGE = 20


def paginate(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def catalogue_context(request, index):
    practices = (
        PracticePage.objects.live()
        .child_of(index)
        .select_related("theme", "lgi", "lgi__upazila", "lgi__district")
        .defer_streamfields()
    )
    filters = PracticeFilter(request.GET, queryset=practices, request=request)
    page_obj = paginate(request, filters.qs)
    listed = list(page_obj.object_list)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "practices": listed,
        "has_demo": any(practice.is_demo for practice in listed),
        "is_filtered": any(
            value for name, value in request.GET.items() if name not in ("page", "sort")
        ),
        "rate": PortalSettings.load(request_or_site=request).bdt_per_usd,
    }


def replications_by_district(replications):
    """Replications grouped by the district of their LGI, districts and LGIs by Bangla name:
    [{"district", "replications", "completed", "ongoing"}]."""

    def district_name(replication):
        district = replication.lgi.district
        return district.name_bn if district else ""

    ordered = sorted(replications, key=lambda r: (district_name(r), r.lgi.name_bn))
    groups = []
    for _name, grouped in groupby(ordered, key=district_name):
        members = list(grouped)
        statuses = [r.status for r in members]
        groups.append(
            {
                "district": members[0].lgi.district,
                "replications": members,
                "completed": statuses.count(ReplicationStatus.COMPLETED),
                "ongoing": statuses.count(ReplicationStatus.ONGOING),
            }
        )
    return groups


def pipeline_stages(status):
    """The pipeline's stages as (status, state) pairs, state being "done", "current" or "todo";
    a practice that was not adopted ends its pipeline there instead of at "circular issued"."""
    stages = [s for s in STAGES if s not in (CircularStatus.NONE, CircularStatus.CIRCULAR_ISSUED)]
    stages.append(
        CircularStatus.NOT_ADOPTED
        if status == CircularStatus.NOT_ADOPTED
        else CircularStatus.CIRCULAR_ISSUED
    )
    position = stages.index(status) if status in stages else -1
    return [
        (stage, "done" if i < position else "current" if i == position else "todo")
        for i, stage in enumerate(stages)
    ]


def practice_context(request, page):
    replications = list(
        page.replications.exclude(status=ReplicationStatus.DISCONTINUED).select_related(
            "lgi", "lgi__upazila", "lgi__district"
        )
    )
    history = list(
        page.circular_status_history.select_related("actor", "cause", "cause__content_type")
    )
    rate = PortalSettings.load(request_or_site=request).bdt_per_usd
    lines = budget.BudgetAllocation.objects.filter(practice=page)
    reported = [r.households_reached for r in replications if r.households_reached is not None]
    return {
        "catalogue": page.get_parent(),
        "replication_groups": replications_by_district(replications),
        "replications_listed": len(replications),
        "households_reported": sum(reported) if reported else None,
        "beneficiaries_direct": page.beneficiaries_direct,
        "budget": budget.totals(lines, rate),
        "budget_by_year": budget.by_year(lines, rate),
        "pipeline": pipeline_stages(page.circular_status),
        "history": history,
        "circulars": page.circulars.live().order_by("-date_issued"),
        "sections": sections.for_practice(request, page),
        "tags": page.tags.all(),
        "rate": rate,
    }


def circulars_context(request, index):
    circulars = (
        CircularPage.objects.live()
        .child_of(index)
        .order_by("-date_issued", "title")
        .prefetch_related(
            Prefetch("practices", queryset=PracticePage.objects.live().order_by("title"))
        )
    )
    filters = CircularFilter(request.GET, queryset=circulars, request=request)
    page_obj = paginate(request, filters.qs)
    listed = list(page_obj.object_list)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "circulars": listed,
        "has_demo": any(circular.is_demo for circular in listed),
        "is_filtered": any(value for name, value in request.GET.items() if name != "page"),
    }


def circular_context(request, page):
    return {
        "index": page.get_parent(),
        "practices": page.practices.live()
        .select_related("theme", "lgi", "lgi__district")
        .order_by("title"),
        "superseded_by": page.superseded_by.live().order_by("-date_issued"),
    }
