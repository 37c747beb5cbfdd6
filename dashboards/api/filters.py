"""Filters of the open data tables, shared by the API, the HTML tables and the downloads.

Areas are given by key (P-code, or UN/PS number) or by name (Bangla or English, with the name of
the area above after a comma where names repeat: "Kotwali, Cumilla"), practices by id or title,
themes by slug or name, fiscal years as 2023-24. An unknown key gives an empty list; a name that
matches nothing, or several areas, and a malformed value get a 400 answer naming the parameter.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

import django_filters

from bangla.text import fold_digits
from places.models import LGI_LEVELS, Area, Level
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
    Theme,
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


AREA_KEY_RE = re.compile(r"(?:BD|UN|PS)\d+", re.IGNORECASE)
LEVEL_NAMES = {
    Level.DIVISION: _("division"),
    Level.DISTRICT: _("district"),
    Level.UPAZILA: _("upazila"),
    Level.UNION: _("union or pourashava"),
}


def _named(queryset, name):
    return queryset.filter(Q(name_bn__iexact=name) | Q(name_en__iexact=name))


def resolve_area(text, level):
    """The key of the area of `level` (union also meaning pourashava) written as `text`: its
    key, its name, or its name and the name of an area above it after a comma. A key-shaped
    text that is no area's key is returned as it is (an empty list, as for any unknown key)."""
    text = " ".join(text.split())
    levels = LGI_LEVELS if level == Level.UNION else (level,)
    areas = Area.objects.filter(level__in=levels)
    found = areas.filter(key__iexact=text).values_list("key", flat=True).first()
    if found:
        return found
    if AREA_KEY_RE.fullmatch(text):
        return text.upper()
    name, _comma, above = (part.strip() for part in text.partition(","))
    matches = _named(areas, name)
    if above:
        matches = matches.filter(
            Q(parent__in=_named(Area.objects.all(), above))
            | Q(district__in=_named(Area.objects.all(), above))
            | Q(division__in=_named(Area.objects.all(), above))
        )
    keys = list(matches.values_list("key", flat=True)[:2])
    what = LEVEL_NAMES[level]
    if not keys:
        raise ValidationError(
            _("No %(level)s is named “%(name)s”: choose one from the list or give its key."),
            params={"level": what, "name": text},
        )
    if len(keys) > 1:
        raise ValidationError(
            _(
                "More than one %(level)s is named “%(name)s”: choose one from the list, which "
                "names the area above it too, or give its key."
            ),
            params={"level": what, "name": text},
        )
    return keys[0]


class AreaNameField(forms.CharField):
    def __init__(self, *, level, **kwargs):
        self.level = level
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return resolve_area(value, self.level) if value else ""


class AreaFilter(django_filters.CharFilter):
    """An area of one level, by key or by name."""

    field_class = AreaNameField


def area_filter(field_name, level, label, **kwargs):
    return AreaFilter(field_name=field_name, label=label, level=level, **kwargs)


class PracticeNameField(forms.CharField):
    """A published practice by its id or its title (Bangla or English)."""

    def to_python(self, value):
        value = " ".join(fold_digits(super().to_python(value) or "").split())
        if not value:
            return None
        if value.isdigit():
            number = int(value)
            if number > MAX_ID:
                raise ValidationError(
                    _("“%(value)s” is not a practice's number."), params={"value": value}
                )
            return number
        found = list(
            PracticePage.objects.live()
            .filter(Q(title__iexact=value) | Q(title_en__iexact=value))
            .values_list("pk", flat=True)[:2]
        )
        if len(found) != 1:
            message = (
                _("No published practice is titled “%(value)s”: choose one from the list.")
                if not found
                else _("More than one practice is titled “%(value)s”: give its number.")
            )
            raise ValidationError(message, params={"value": value})
        return found[0]


class PracticeFilter(django_filters.NumberFilter):
    field_class = PracticeNameField


def practice_filter(field_name, label):
    return PracticeFilter(field_name=field_name, label=label)


class ThemeNameField(forms.CharField):
    """A theme by its slug or its name."""

    def to_python(self, value):
        value = " ".join((super().to_python(value) or "").split())
        if not value:
            return ""
        themes = Theme.objects.all()
        found = themes.filter(slug=value).values_list("slug", flat=True).first()
        found = found or _named(themes, value).values_list("slug", flat=True).first()
        return found or value


class ThemeFilter(django_filters.CharFilter):
    field_class = ThemeNameField


def theme_filter(field_name, label):
    return ThemeFilter(field_name=field_name, label=label)


class PracticeFilterSet(django_filters.FilterSet):
    class Meta:
        model = PracticePage
        fields = []

    theme = theme_filter("theme__slug", _("Theme"))
    division = area_filter("lgi__division__key", Level.DIVISION, _("Division of origin"))
    district = area_filter("lgi__district__key", Level.DISTRICT, _("District of origin"))
    lgi = area_filter("lgi__key", Level.UNION, _("LGI of origin"))
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

    practice = practice_filter("practice_id", _("Practice"))
    theme = theme_filter("practice__theme__slug", _("Theme"))
    division = area_filter("lgi__division__key", Level.DIVISION, _("Division"))
    district = area_filter("lgi__district__key", Level.DISTRICT, _("District"))
    upazila = area_filter("lgi__upazila__key", Level.UPAZILA, _("Upazila"))
    lgi = area_filter("lgi__key", Level.UNION, _("LGI"))
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

    practice = practice_filter("practice_id", _("Practice"))
    theme = theme_filter("practice__theme__slug", _("Theme"))
    division = area_filter("lgi__division__key", Level.DIVISION, _("Division"))
    district = area_filter("lgi__district__key", Level.DISTRICT, _("District"))
    upazila = area_filter("lgi__upazila__key", Level.UPAZILA, _("Upazila"))
    lgi = area_filter("lgi__key", Level.UNION, _("LGI"))
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

    theme = theme_filter("practices__theme__slug", _("Theme of a practice it covers"))
    division = area_filter(
        "practices__lgi__division__key",
        Level.DIVISION,
        _("Division a practice it covers comes from"),
    )
    district = area_filter(
        "practices__lgi__district__key",
        Level.DISTRICT,
        _("District a practice it covers comes from"),
    )
    practice = practice_filter("practices", _("Practice"))
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

    practice = practice_filter("practice_id", _("Practice"))
    theme = theme_filter("practice__theme__slug", _("Theme"))
    division = area_filter("practice__lgi__division__key", Level.DIVISION, _("Division of origin"))
    district = area_filter("practice__lgi__district__key", Level.DISTRICT, _("District of origin"))
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
    division = area_filter("division__key", Level.DIVISION, _("Division"))
    district = area_filter("district__key", Level.DISTRICT, _("District"))
    upazila = area_filter("upazila__key", Level.UPAZILA, _("Upazila"))
    q = django_filters.CharFilter(method="filter_name", label=_("Name contains"))

    class Meta:
        model = Area
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(name_bn__icontains=value) | Q(name_en__icontains=value))
