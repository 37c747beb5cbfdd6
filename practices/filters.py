"""Filters and sorting of the practices catalogue and of the circulars index."""

from django.db.models import Q
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

import django_filters

from bangla import fold_digits, to_bangla_digits
from places.models import Area, Level
from portal.templatetags.hlp import digits

from .models import CircularPage, CircularStatus, PracticePage, Theme, tag_label
from .models.practice import PracticeTag, is_english


class ReplicationFilter:
    BEST = "best"
    REPLICATED = "replicated"
    ONGOING = "ongoing"
    NOT_REPLICATED = "not_replicated"

    choices = [
        (BEST, _("Best practices")),
        (REPLICATED, _("Replicated at least once")),
        (ONGOING, _("With replications under way")),
        (NOT_REPLICATED, _("Not yet replicated")),
    ]
    lookups = {
        BEST: Q(is_best_practice=True),
        REPLICATED: Q(replication_count__gt=0),
        ONGOING: Q(ongoing_count__gt=0),
        NOT_REPLICATED: Q(replication_count=0),
    }


SORTS = {
    "replicated": ("-replication_count", "-ongoing_count", "title"),
    "newest": ("-first_published_at", "-pk"),
    "budget": ("-budget_allocated", "-replication_count", "title"),
}
SORT_CHOICES = [
    ("replicated", _("Most replicated")),
    ("newest", _("Newest")),
    ("budget", _("Largest budget")),
]


def tags_in_use(request=None):
    """The tags practices carry, in the order of their names in the page's language."""
    tags = Tag.objects.filter(pk__in=PracticeTag.objects.values("tag_id")).select_related("english")
    if is_english():
        return tags.order_by(Lower(Coalesce("english__name_en", "name")))
    return tags.order_by("name")


class TagChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return tag_label(obj)[0]


class TagFilter(django_filters.ModelChoiceFilter):
    """A tag chosen by its (Bangla) name, which addresses keep, listed in the page's language."""

    field_class = TagChoiceField


class AreaChoiceFilter(django_filters.ModelChoiceFilter):
    """An area chosen by its key (stable in addresses), listed by its Bangla name."""

    def __init__(self, level, **kwargs):
        super().__init__(
            queryset=Area.objects.of_level(level).order_by("name_bn"),
            to_field_name="key",
            **kwargs,
        )


class PracticeFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    division = AreaChoiceFilter(
        Level.DIVISION,
        field_name="lgi__division",
        label=_("Division"),
        empty_label=_("All divisions"),
    )
    district = AreaChoiceFilter(
        Level.DISTRICT,
        field_name="lgi__district",
        label=_("District"),
        empty_label=_("All districts"),
    )
    replication = django_filters.ChoiceFilter(
        choices=ReplicationFilter.choices,
        method="filter_replication",
        label=_("Replication"),
        empty_label=_("Any"),
    )
    circular_status = django_filters.ChoiceFilter(
        choices=CircularStatus.choices,
        label=_("Circular status"),
        empty_label=_("Any"),
    )
    tag = TagFilter(
        queryset=tags_in_use,
        field_name="tags",
        to_field_name="name",
        label=_("Tag"),
        empty_label=_("All tags"),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
        method="sort_by",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = PracticePage
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if is_english():
            for name in ("division", "district"):
                self.filters[name].queryset = self.filters[name].queryset.order_by("name_en")
        # With a division chosen, the district list holds only its districts.
        division = (data or {}).get("division")
        if division:
            districts = self.filters["district"]
            districts.queryset = districts.queryset.filter(division__key=division)

    def filter_replication(self, queryset, name, value):
        return queryset.filter(ReplicationFilter.lookups[value])

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["replicated"]))

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["replicated"])
        return queryset


SEARCHED_FIELDS = ("title", "title_en", "memo_number", "summary_bn", "summary_en")


class CircularFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Words in the title, memo or summary"))
    year = django_filters.ChoiceFilter(
        method="filter_year", label=_("Year issued"), empty_label=_("All years")
    )
    authority = django_filters.ChoiceFilter(
        field_name="issuing_authority",
        label=_("Issuing authority"),
        empty_label=_("All authorities"),
    )
    practice = django_filters.ModelChoiceFilter(
        queryset=PracticePage.objects.none(),
        field_name="practices",
        label=_("Practice"),
        empty_label=_("All practices"),
    )

    class Meta:
        model = CircularPage
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        circulars = CircularPage.objects.live()
        years = sorted({d.year for d in circulars.dates("date_issued", "year")}, reverse=True)
        self.filters["year"].extra["choices"] = [(str(y), digits(y)) for y in years]
        authorities = (
            circulars.order_by("issuing_authority")
            .values_list("issuing_authority", flat=True)
            .distinct()
        )
        self.filters["authority"].extra["choices"] = [(a, a) for a in authorities]
        self.filters["practice"].queryset = (
            PracticePage.objects.live().filter(circulars__in=circulars).distinct().order_by("title")
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(date_issued__year=int(value))

    def search(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            # Memo numbers are written in either script: ৪৬.০০ finds 46.00 and back.
            matches = Q()
            for variant in {word, fold_digits(word), to_bangla_digits(word)}:
                for field in SEARCHED_FIELDS:
                    matches |= Q(**{f"{field}__icontains": variant})
            queryset = queryset.filter(matches)
        return queryset
