"""Filters of the open data tables, shared by the API, the HTML tables and the downloads.

Areas are given by key (P-code, or UN/PS number), themes by slug, fiscal years as 2023-24. An
unknown key gives an empty list, a malformed value a 400 answer naming the parameter.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

import django_filters

from places.models import Area, Level
from practices import fiscal
from practices.models import (
    BudgetAllocation,
    BudgetVersion,
    CircularPage,
    CircularState,
    CircularStatus,
    CircularStatusChange,
    FundSource,
    PracticePage,
    Replication,
    ReplicationStatus,
)


class FiscalYearFormField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        # fiscal.parse raises a ValidationError naming the value, with its params unformatted.
        return str(fiscal.parse(value))


class FiscalYearFilter(django_filters.CharFilter):
    field_class = FiscalYearFormField


# Identifiers beyond what a database integer holds are refused as invalid, not looked up.
MAX_ID = 2**31 - 1


def id_filter(field_name, label, **kwargs):
    return django_filters.NumberFilter(
        field_name=field_name, label=label, min_value=0, max_value=MAX_ID, **kwargs
    )


def key_filter(field_name, label):
    return django_filters.CharFilter(field_name=field_name, label=label)


class PracticeFilterSet(django_filters.FilterSet):
    class Meta:
        model = PracticePage
        fields = []

    theme = key_filter("theme__slug", _("Theme (slug)"))
    division = key_filter("lgi__division__key", _("Division of origin (key)"))
    district = key_filter("lgi__district__key", _("District of origin (key)"))
    lgi = key_filter("lgi__key", _("LGI of origin (key)"))
    is_best_practice = django_filters.BooleanFilter(label=_("Best practice"))
    circular_status = django_filters.ChoiceFilter(
        choices=CircularStatus.choices, label=_("Circular status")
    )
    year_identified_min = id_filter(
        "year_identified", _("Identified in or after"), lookup_expr="gte"
    )
    year_identified_max = id_filter(
        "year_identified", _("Identified in or before"), lookup_expr="lte"
    )
    best_practice_since_min = django_filters.DateFilter(
        field_name="best_practice_since", lookup_expr="gte", label=_("Best practice on or after")
    )
    best_practice_since_max = django_filters.DateFilter(
        field_name="best_practice_since", lookup_expr="lte", label=_("Best practice on or before")
    )
    is_demo = django_filters.BooleanFilter(label=_("Demo content"))


class ReplicationFilterSet(django_filters.FilterSet):
    class Meta:
        model = Replication
        fields = []

    practice = id_filter("practice_id", _("Practice (id)"))
    theme = key_filter("practice__theme__slug", _("Theme (slug)"))
    division = key_filter("lgi__division__key", _("Division (key)"))
    district = key_filter("lgi__district__key", _("District (key)"))
    upazila = key_filter("lgi__upazila__key", _("Upazila (key)"))
    lgi = key_filter("lgi__key", _("LGI (key)"))
    status = django_filters.ChoiceFilter(choices=ReplicationStatus.choices, label=_("Status"))
    counted_year_min = FiscalYearFilter(
        method="filter_counted_years", label=_("Counted from fiscal year")
    )
    counted_year_max = FiscalYearFilter(
        method="filter_counted_years", label=_("Counted up to fiscal year")
    )

    def filter_counted_years(self, queryset, name, value):
        # Both bounds go into one condition, applied by the lower bound when there is one.
        data = self.form.cleaned_data
        if name == "counted_year_max" and data.get("counted_year_min"):
            return queryset
        return queryset.filter(
            counted_year_q(data.get("counted_year_min"), data.get("counted_year_max"))
        )


def counted_year_q(first, last):
    """Replications whose counted fiscal year (recorded, else from the end date, else from the
    start date) lies between `first` and `last` (fiscal years; either may be empty)."""
    recorded = ~Q(fiscal_year="")
    by_end = Q(fiscal_year="", end_date__isnull=False)
    by_start = Q(fiscal_year="", end_date__isnull=True, start_date__isnull=False)
    if first:
        begins = fiscal.parse(first)
        recorded &= Q(fiscal_year__gte=first)
        by_end &= Q(end_date__gte=begins.first_day)
        by_start &= Q(start_date__gte=begins.first_day)
    if last:
        ends = fiscal.parse(last)
        recorded &= Q(fiscal_year__lte=last)
        by_end &= Q(end_date__lte=ends.last_day)
        by_start &= Q(start_date__lte=ends.last_day)
    return recorded | by_end | by_start


def with_superseded(queryset):
    """Budget lines annotated with `superseded`: an original line that a revised one replaces."""
    revised = BudgetAllocation.objects.filter(
        lgi=OuterRef("lgi"),
        fiscal_year=OuterRef("fiscal_year"),
        practice=OuterRef("practice"),
        source=OuterRef("source"),
        version=BudgetVersion.REVISED,
    )
    return queryset.annotate(superseded=Exists(revised) & Q(version=BudgetVersion.ORIGINAL))


class BudgetAllocationFilterSet(django_filters.FilterSet):
    class Meta:
        model = BudgetAllocation
        fields = []

    practice = id_filter("practice_id", _("Practice (id)"))
    theme = key_filter("practice__theme__slug", _("Theme (slug)"))
    division = key_filter("lgi__division__key", _("Division (key)"))
    district = key_filter("lgi__district__key", _("District (key)"))
    upazila = key_filter("lgi__upazila__key", _("Upazila (key)"))
    lgi = key_filter("lgi__key", _("LGI (key)"))
    fiscal_year_min = FiscalYearFilter(
        field_name="fiscal_year", lookup_expr="gte", label=_("From fiscal year")
    )
    fiscal_year_max = FiscalYearFilter(
        field_name="fiscal_year", lookup_expr="lte", label=_("Up to fiscal year")
    )
    source = django_filters.ChoiceFilter(choices=FundSource.choices, label=_("Source of funds"))
    version = django_filters.ChoiceFilter(choices=BudgetVersion.choices, label=_("Budget"))
    effective = django_filters.BooleanFilter(method="filter_effective", label=_("Counts in totals"))

    def filter_effective(self, queryset, name, value):
        return queryset.filter(superseded=not value)


class CircularFilterSet(django_filters.FilterSet):
    class Meta:
        model = CircularPage
        fields = []

    theme = key_filter("practices__theme__slug", _("Theme of a practice it covers (slug)"))
    division = key_filter(
        "practices__lgi__division__key", _("Division a practice it covers comes from (key)")
    )
    district = key_filter(
        "practices__lgi__district__key", _("District a practice it covers comes from (key)")
    )
    practice = id_filter("practices", _("Practice (id)"))
    state = django_filters.ChoiceFilter(choices=CircularState.choices, label=_("Status"))
    date_issued_min = django_filters.DateFilter(
        field_name="date_issued", lookup_expr="gte", label=_("Issued on or after")
    )
    date_issued_max = django_filters.DateFilter(
        field_name="date_issued", lookup_expr="lte", label=_("Issued on or before")
    )
    is_demo = django_filters.BooleanFilter(label=_("Demo content"))

    # Theme and area must hold for one and the same practice, so they are applied together.
    PRACTICE_FILTERS = ("theme", "division", "district")

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        conditions = {
            self.filters[name].field_name.removeprefix("practices__"): data[name]
            for name in self.PRACTICE_FILTERS
            if data.get(name)
        }
        if conditions:
            practices = PracticePage.objects.live().filter(**conditions)
            queryset = queryset.filter(practices__in=practices).distinct()
        for name, value in data.items():
            if name not in self.PRACTICE_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class CircularStatusChangeFilterSet(django_filters.FilterSet):
    class Meta:
        model = CircularStatusChange
        fields = []

    practice = id_filter("practice_id", _("Practice (id)"))
    theme = key_filter("practice__theme__slug", _("Theme (slug)"))
    division = key_filter("practice__lgi__division__key", _("Division of origin (key)"))
    district = key_filter("practice__lgi__district__key", _("District of origin (key)"))
    to_status = django_filters.ChoiceFilter(
        choices=CircularStatus.choices, label=_("Status reached")
    )
    date_min = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("On or after")
    )
    date_max = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("On or before")
    )


class AreaFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    parent = key_filter("parent__key", _("Parent area (key)"))
    division = key_filter("division__key", _("Division (key)"))
    district = key_filter("district__key", _("District (key)"))
    upazila = key_filter("upazila__key", _("Upazila (key)"))
    q = django_filters.CharFilter(method="filter_name", label=_("Name contains"))

    class Meta:
        model = Area
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(name_bn__icontains=value) | Q(name_en__icontains=value))
