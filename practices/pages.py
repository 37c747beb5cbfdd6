"""What the practices app's pages show, built with a bounded number of queries however many
replications, budget lines or circulars there are."""

from itertools import groupby
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places.models import Area
from portal import pagecontext, roles
from portal.models import PortalSettings
from portal.pagecontext import Deferred
from portal.pages import is_english
from portal.templatetags.hlp import num

from . import budget, rechecks, replicate, sections
from .filters import CircularFilter, PracticeFilter
from .models import (
    BudgetAllocation,
    CircularPage,
    CircularStatus,
    PracticePage,
    Replication,
    ReplicationStatus,
    tag_label,
)
from .pipeline import STAGES

PER_PAGE = 20
VERIFY_SHOWN = 50


def paginate(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@pagecontext.builds("practices.PracticeIndexPage")
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


REPLICATION_FIELDS = (
    "status",
    "verified_at",
    "households_reached",
    "lgi__key",
    "lgi__name_bn",
    "lgi__name_en",
    "lgi__upazila__name_bn",
    "lgi__upazila__name_en",
    "lgi__district_id",
    "lgi__district__name_bn",
)


def replications_by_district(replications):
    """Replications (rows of REPLICATION_FIELDS) grouped by the district of their LGI: the
    districts with most completed (then most under way) first, ties and the LGIs in a district by
    Bangla name: [{"district", "replications", "completed", "ongoing", "items"}], `items` being
    the group's list items as HTML.

    A practice may have thousands of replications: they are read as plain rows and written out
    here in one pass, not as model instances walked by the template engine value by value."""

    def district_name(row):
        return row["lgi__district__name_bn"] or ""

    ordered = sorted(replications, key=lambda row: (district_name(row), row["lgi__name_bn"]))
    districts = Area.objects.in_bulk(
        {row["lgi__district_id"] for row in ordered if row["lgi__district_id"]}
    )
    groups = []
    for _name, grouped in groupby(ordered, key=district_name):
        members = list(grouped)
        statuses = [row["status"] for row in members]
        groups.append(
            {
                "district": districts.get(members[0]["lgi__district_id"]),
                "replications": members,
                "completed": statuses.count(ReplicationStatus.COMPLETED),
                "ongoing": statuses.count(ReplicationStatus.ONGOING),
                "items": _replication_items(members),
            }
        )
    groups.sort(key=lambda group: (-group["completed"], -group["ongoing"]))
    return groups


def _replication_items(rows):
    """`<li>` per replication: the LGI with its page, its upazila, the status and whether NILG
    verified it; every value escaped."""
    placeholder = "0replication0lgi0"
    address = reverse("area_detail", kwargs={"key": placeholder})
    name = "name_en" if is_english() else "name_bn"
    labels = {value: escape(label) for value, label in ReplicationStatus.choices}
    verified = f' <span class="verified">✓ {escape(_("verified by NILG"))}</span>'
    items = []
    for row in rows:
        upazila = row[f"lgi__upazila__{name}"]
        link = escape(address.replace(placeholder, quote(row["lgi__key"])))
        where = f' <span class="muted">({escape(upazila)})</span>' if upazila else ""
        status = labels.get(row["status"]) or escape(row["status"])
        tick = verified if row["verified_at"] else ""
        items.append(
            f'<li><a href="{link}">{escape(row[f"lgi__{name}"])}</a>{where} — {status}{tick}</li>'
        )
    return mark_safe("".join(items))  # every value in it is escaped above


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


def best_practice_history(page):
    """The days `page` became a best practice or stopped being one, each with why in words:
    [{"date", "is_best_practice", "text", "because_of_stops"}]."""
    history = []
    for change in page.best_practice_history.all():
        reason = _("%(counted)s LGIs counted; %(threshold)s needed") % {
            "counted": num(change.counted),
            "threshold": num(change.threshold),
        }
        if change.excludes_stopped and change.stopped:
            reason += "; " + (
                ngettext(
                    "%(stopped)s completed replication found stopped at its latest re-check is "
                    "not counted (portal setting)",
                    "%(stopped)s completed replications found stopped at their latest re-check "
                    "are not counted (portal setting)",
                    change.stopped,
                )
                % {"stopped": num(change.stopped)}
            )
        history.append(
            {
                "date": change.date,
                "is_best_practice": change.is_best_practice,
                "because_of_stops": change.because_of_stops,
                "text": reason,
            }
        )
    return history


@pagecontext.builds("practices.PracticePage")
def practice_context(request, page):
    """The practice page's parts. Those that change only with the data version are deferred
    (`pagecontext.Deferred`): read inside the template's cached fragments, they cost no query
    when the fragment comes from the cache."""
    replications = Deferred(
        lambda: list(
            page.replications.exclude(status=ReplicationStatus.DISCONTINUED).values(
                *REPLICATION_FIELDS
            )
        )
    )
    rate = Deferred(lambda: PortalSettings.load(request_or_site=request).bdt_per_usd)
    by_year = Deferred(
        lambda: budget.by_year(budget.BudgetAllocation.objects.filter(practice=page), rate())
    )

    def households():
        reported = [
            row["households_reached"]
            for row in replications()
            if row["households_reached"] is not None
        ]
        return sum(reported) if reported else None

    def tags():
        return [
            {"name": tag.name, "label": label, "lang": lang}
            for tag in page.tags.select_related("english")
            for label, lang in [tag_label(tag)]
        ]

    return {
        "catalogue": page.get_parent(),
        "replication_groups": Deferred(lambda: replications_by_district(replications())),
        "replications_listed": Deferred(lambda: len(replications())),
        "households_reported": Deferred(households),
        "budget": Deferred(lambda: budget.sum_of(by_year(), rate())),
        "budget_by_year": by_year,
        "sustainability": rechecks.sustainability(page),
        "best_practice_history": Deferred(lambda: best_practice_history(page)),
        "pipeline": pipeline_stages(page.circular_status),
        "history": Deferred(
            lambda: list(
                page.circular_status_history.select_related("actor", "cause", "cause__content_type")
            )
        ),
        "circulars": page.circulars.live().order_by("-date_issued"),
        "sections": Deferred(lambda: sections.for_practice(request, page)),
        "spread_sections": Deferred(lambda: sections.for_practice(request, page, sections.SPREAD)),
        "user_sections": sections.for_practice(request, page, sections.FOR_USER),
        "tags": Deferred(tags),
        "rate": rate,
        **pagecontext.fragment_cache(request),
        **we_did_this_context(request, page),
    }


def we_did_this_context(request, page):
    """The practice page's “we did this too” part: the form for an UP editor whose LGI has not
    recorded the practice, their LGIs' replications already recorded, and for NILG's curators
    the replications waiting for verification, each with its budget."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "is_preview", False):
        return {}
    context = {}
    form = getattr(request, "replication_form", None)
    if form is None:
        lgis = replicate.recordable_lgis(user, page)
        if lgis.exists():
            form = replicate.ReplicationReportForm(
                practice=page, lgis=lgis, bangla_digits=not is_english()
            )
    context["replication_form"] = form
    context["own_replications"] = (
        list(page.replications.filter(lgi__in=roles.user_lgis(user)).select_related("lgi"))
        if roles.has_role(user, roles.UP_EDITOR)
        else []
    )
    if replicate.may_verify(user):
        unverified = Replication.objects.filter(practice=page, verified_at__isnull=True).exclude(
            status=ReplicationStatus.DISCONTINUED
        )
        # A practice replicated in a thousand places: the newest here, the rest in the admin.
        waiting = list(
            unverified.select_related("lgi", "lgi__upazila", "lgi__district").order_by(
                "-created_at", "pk"
            )[:VERIFY_SHOWN]
        )
        context["to_verify_total"] = (
            len(waiting) if len(waiting) < VERIFY_SHOWN else unverified.count()
        )
        allocated = dict(
            BudgetAllocation.objects.filter(
                practice=page, lgi_id__in=[row.lgi_id for row in waiting]
            )
            .values_list("lgi_id")
            .annotate(total=Sum("allocated"))
            .order_by()
        )
        for row in waiting:
            row.allocated = allocated.get(row.lgi_id)
        context["to_verify"] = waiting
    return context


@pagecontext.builds("practices.CircularIndexPage")
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


@pagecontext.builds("practices.CircularPage")
def circular_context(request, page):
    return {
        "index": page.get_parent(),
        "practices": page.practices.live()
        .select_related("theme", "lgi", "lgi__district")
        .order_by("title"),
        "superseded_by": page.superseded_by.live().order_by("-date_issued"),
    }
