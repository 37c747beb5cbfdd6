"""Priority lists for disaster preparedness (দুর্যোগের পূর্বে অগ্রাধিকার তালিকা): the households of
an area that meet chosen criteria, with the members that make them a priority."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import ELDERLY_AGE, Household, years_ago

CHILD_AGE = 5


@dataclass(frozen=True)
class Criterion:
    slug: str
    label: str


CRITERIA = [
    Criterion("disability", _("Member with a disability")),
    Criterion("elderly_alone", _("Elderly person living alone")),
    Criterion("elderly", _("Elderly member (60 or older)")),
    Criterion("female_headed", _("Female-headed household")),
    Criterion("children_under_5", _("Children under 5")),
    Criterion("landless", _("Landless household")),
]
CRITERIA_BY_SLUG = {criterion.slug: criterion for criterion in CRITERIA}


# Conditions on the member counts annotated by priority_households().
CONDITIONS = {
    "disability": Q(n_disability__gt=0),
    "elderly_alone": Q(n_members=1, n_elderly=1),
    "elderly": Q(n_elderly__gt=0),
    "female_headed": Q(female_headed=True),
    "children_under_5": Q(n_children__gt=0),
    "landless": Q(landless=True),
}


def priority_households(lgis, criteria, today):
    """Households of *lgis* meeting any of *criteria* (slugs), with member counts annotated:
    ``n_members``, ``n_elderly``, ``n_children``, ``n_disability``."""
    elderly_born_before = years_ago(ELDERLY_AGE, today)
    children_born_after = years_ago(CHILD_AGE, today)
    wanted = Q()
    for slug in criteria:
        wanted |= CONDITIONS[slug]
    return (
        Household.objects.filter(lgi__in=lgis)
        .annotate(
            n_members=Count("members"),
            n_elderly=Count("members", filter=Q(members__date_of_birth__lte=elderly_born_before)),
            n_children=Count("members", filter=Q(members__date_of_birth__gt=children_born_after)),
            n_disability=Count("members", filter=~Q(members__disability="")),
        )
        .filter(wanted)
        .select_related("lgi", "head")
        .order_by("lgi__name_en", "ward", "code")
    )


def matched(household, criteria):
    """The criteria (of those asked for) that an annotated household meets."""
    facts = {
        "disability": household.n_disability > 0,
        "elderly_alone": household.n_members == 1 and household.n_elderly == 1,
        "elderly": household.n_elderly > 0,
        "female_headed": household.female_headed,
        "children_under_5": household.n_children > 0,
        "landless": household.landless,
    }
    return [CRITERIA_BY_SLUG[slug] for slug in criteria if facts[slug]]
