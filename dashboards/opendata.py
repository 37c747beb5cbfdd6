"""The public tables: what the API serves, the /data/ pages list and explain, and the CSV and
Excel downloads contain. One definition per table, so the three never disagree."""

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from .api import filters as api_filters
from .api import serializers as api_serializers
from .api import views as api_views
from .impact import impact_rows
from .readable import columns_of


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    description: str
    serializer: type
    api_basename: str
    filterset: type | None = None
    queryset: object = None  # a callable returning the public rows

    def rows(self, params):
        """(filter form or None, rows): the filtered rows for these address parameters.
        Raises `InvalidFilter` with the form when a parameter does not validate."""
        if self.slug == "impact":
            selection, level, by_year = api_views.impact_selection(params)
            return None, impact_rows(selection, level=level, by_year=by_year)
        queryset = self.queryset()
        if self.filterset is None:
            return None, queryset
        filterset = self.filterset(params, queryset=queryset)
        if not filterset.is_valid():
            raise InvalidFilter(filterset.form)
        return filterset.form, filterset.qs.order_by("pk")

    def fields(self):
        """[(name, meaning, unit, source, type)] of the table's columns."""
        serializer = self.serializer()
        meta = getattr(self.serializer, "Meta", None)
        units = getattr(meta, "units", {})
        sources = getattr(meta, "sources", {})
        return [
            (
                name,
                field.help_text or "",
                units.get(name, ""),
                sources.get(name, sources.get("*", "")),
                field_type(field),
            )
            for name, field in serializer.fields.items()
        ]

    def columns(self):
        """The columns a person reads on the table's page and in its downloads: each field,
        with the name of every practice and area beside its code (`readable`)."""
        return _columns(self)


@cache
def _columns(table):
    return columns_of(table.slug, table.fields())


class InvalidFilter(Exception):
    def __init__(self, form):
        super().__init__("invalid filter")
        self.form = form


def field_type(field):
    """The Frictionless Data type of a serializer field."""
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField):
        return "integer"
    if isinstance(field, serializers.DecimalField):
        return "number"
    if isinstance(field, serializers.DateTimeField):
        return "datetime"
    if isinstance(field, serializers.DateField):
        return "date"
    if isinstance(field, serializers.ManyRelatedField):
        return "array"
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return "integer"
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name, None)
        returns = getattr(method, "__annotations__", {}).get("return")
        return {bool: "boolean", int: "integer"}.get(returns, "string")
    return "string"


TABLES = [
    Table(
        "practices",
        _("Practices"),
        _("Published good practices (ভালো শিখন) with their replication, budget and policy figures."),
        api_serializers.PracticeSerializer,
        "api-practice",
        api_filters.PracticeFilterSet,
        api_views.live_practices,
    ),
    Table(
        "replications",
        _("Replications"),
        _(
            "Replications of published practices by other unions and pourashavas, one per "
            "practice and LGI."
        ),
        api_serializers.ReplicationSerializer,
        "api-replication",
        api_filters.ReplicationFilterSet,
        api_views.public_replications,
    ),
    Table(
        "budget-allocations",
        _("Budget allocations"),
        _(
            "Union budget lines for practices: LGI × fiscal year × practice × source of funds, "
            "original or revised."
        ),
        api_serializers.BudgetAllocationSerializer,
        "api-budget-allocation",
        api_filters.BudgetAllocationFilterSet,
        api_views.public_budget_lines,
    ),
    Table(
        "circulars",
        _("Circulars"),
        _("Government circulars (পরিপত্র) that institutionalise practices."),
        api_serializers.CircularSerializer,
        "api-circular",
        api_filters.CircularFilterSet,
        api_views.live_circulars,
    ),
    Table(
        "circular-status-changes",
        _("Circular pipeline"),
        _(
            "Dated steps of each practice's policy pipeline: nominated, presented, under review, "
            "circular issued or not adopted."
        ),
        api_serializers.CircularStatusChangeSerializer,
        "api-circular-status-change",
        api_filters.CircularStatusChangeFilterSet,
        api_views.public_status_changes,
    ),
    Table(
        "areas",
        _("Areas"),
        _("Divisions, districts, upazilas, unions and pourashavas, with their keys and P-codes."),
        api_serializers.AreaSerializer,
        "api-area",
        api_filters.AreaFilterSet,
        lambda: api_views.AreaViewSet.queryset.all(),
    ),
    Table(
        "themes",
        _("Themes"),
        _("The themes practices are filed under."),
        api_serializers.ThemeSerializer,
        "api-theme",
        None,
        lambda: api_views.ThemeViewSet.queryset.all(),
    ),
    Table(
        "impact",
        _("Impact by area"),
        _(
            "Replications, union budget, households reported and registry beneficiaries per "
            "area (and fiscal year), with the dashboard's filters: division, district, theme, "
            "year_from, year_to, level (division, district or upazila) and by_year."
        ),
        api_serializers.ImpactSerializer,
        "api-impact",
    ),
]
if api_views.WORKSHOPS:
    from .api import workshops as workshop_api

    TABLES[-1:-1] = [
        Table(
            "workshops",
            _("Workshops"),
            _(
                "Published workshops and meetings: kind, date, venue, area, participants by "
                "category and the practices presented."
            ),
            workshop_api.WorkshopSerializer,
            "api-workshop",
            workshop_api.WorkshopFilterSet,
            workshop_api.live_workshops,
        ),
        Table(
            "decisions",
            _("Workshop decisions"),
            _(
                "Numbered decisions of published workshops, the bodies asked to act, due dates "
                "and status."
            ),
            workshop_api.DecisionSerializer,
            "api-decision",
            workshop_api.DecisionFilterSet,
            workshop_api.public_decisions,
        ),
    ]
TABLES_BY_SLUG = {table.slug: table for table in TABLES}
