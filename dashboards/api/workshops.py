"""Workshops and their numbered decisions in the open data API, when the workshops app is
installed. Participants are published as counts by category only; the chair is given by post,
not by name."""

from django.utils.translation import gettext_lazy as _

import django_filters
from rest_framework import serializers

from places.models import Level
from workshops.models import OPEN_STATUSES, Decision, DecisionStatus, WorkshopKind, WorkshopPage

from .filters import AreaFilter, id_filter, practice_filter
from .serializers import AreaKeyField

SRC_WORKSHOP = _("the workshop page and its minutes, published by NILG")
PARTICIPANTS = _("participants")


class WorkshopSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the workshop page."))
    slug = serializers.SlugField(help_text=_("Identifier of the workshop in addresses."))
    url = serializers.SerializerMethodField(help_text=_("Address of the workshop page."))
    title = serializers.CharField(help_text=_("Title in Bangla."))
    title_en = serializers.CharField(help_text=_("Title in English (may be empty)."))
    kind = serializers.CharField(
        help_text=_(
            "district_thematic, upazila_orientation, district_orientation, divisional, "
            "national_sharing or other."
        )
    )
    starts_at = serializers.DateTimeField(help_text=_("When it started."))
    ends_at = serializers.DateTimeField(allow_null=True, help_text=_("When it ended."))
    venue = serializers.CharField(help_text=_("Where it was held."))
    area = AreaKeyField(help_text=_("Key of its upazila, district or division (empty: national)."))
    organiser = serializers.CharField(help_text=_("Who organised it."))
    chair_post = serializers.CharField(help_text=_("The post of the chair."))
    participants_total = serializers.IntegerField(
        allow_null=True, help_text=_("Participants in all (empty when not recorded).")
    )
    up_chairs = serializers.IntegerField(allow_null=True, help_text=_("UP chairs present."))
    secretaries = serializers.IntegerField(allow_null=True, help_text=_("Secretaries present."))
    women_members = serializers.IntegerField(allow_null=True, help_text=_("Women members present."))
    officials = serializers.IntegerField(
        allow_null=True, help_text=_("Government officials present.")
    )
    partners = serializers.IntegerField(
        allow_null=True, help_text=_("Development partners present.")
    )
    others = serializers.IntegerField(allow_null=True, help_text=_("Others present."))
    practices_presented = serializers.SerializerMethodField(
        help_text=_("Identifiers of the practices presented.")
    )

    class Meta:
        model = WorkshopPage
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "title_en",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "area",
            "organiser",
            "chair_post",
            "participants_total",
            "up_chairs",
            "secretaries",
            "women_members",
            "officials",
            "partners",
            "others",
            "practices_presented",
        ]
        units = {
            name: PARTICIPANTS
            for name in (
                "participants_total",
                "up_chairs",
                "secretaries",
                "women_members",
                "officials",
                "partners",
                "others",
            )
        }
        sources = {"*": SRC_WORKSHOP}

    def get_url(self, workshop) -> str:
        return workshop.url or ""

    def get_practices_presented(self, workshop) -> list[int]:
        return [row.practice_id for row in workshop.presented_practices.all()]


class DecisionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the decision."))
    workshop = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Identifier of the workshop that took it.")
    )
    letter = serializers.CharField(
        source="letter_bn", help_text=_("Its number among the workshop's decisions: ক, খ, গ …")
    )
    text_bn = serializers.CharField(help_text=_("The decision in Bangla."))
    text_en = serializers.CharField(help_text=_("The decision in English (may be empty)."))
    responsible_bodies = serializers.SerializerMethodField(
        help_text=_("The bodies asked to act (Bangla names).")
    )
    due_date = serializers.DateField(allow_null=True, help_text=_("Day it is due."))
    practice = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("Identifier of the practice it concerns.")
    )
    status = serializers.CharField(help_text=_("open, in_progress, done or dropped."))
    status_changed_on = serializers.DateField(
        allow_null=True, help_text=_("Day its status last changed.")
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "workshop",
            "letter",
            "text_bn",
            "text_en",
            "responsible_bodies",
            "due_date",
            "practice",
            "status",
            "status_changed_on",
        ]
        units = {}
        sources = {"*": SRC_WORKSHOP}

    def get_responsible_bodies(self, decision) -> list[str]:
        return [body.name_bn for body in decision.responsible_bodies.all()]


class WorkshopFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=WorkshopKind.choices, label=_("Kind"))
    area = django_filters.CharFilter(field_name="area__key", label=_("Area (key)"))
    division = AreaFilter(method="filter_within", level=Level.DIVISION, label=_("Division"))
    district = AreaFilter(method="filter_within", level=Level.DISTRICT, label=_("District"))
    starts_min = django_filters.DateFilter(
        field_name="starts_at__date", lookup_expr="gte", label=_("On or after")
    )
    starts_max = django_filters.DateFilter(
        field_name="starts_at__date", lookup_expr="lte", label=_("On or before")
    )
    practice = practice_filter("presented_practices__practice", _("Practice presented"))

    class Meta:
        model = WorkshopPage
        fields = []

    def filter_within(self, queryset, name, value):
        # The area itself, or an area below it.
        from django.db.models import Q

        return queryset.filter(Q(area__key=value) | Q(**{f"area__{name}__key": value})).distinct()


class DecisionFilterSet(django_filters.FilterSet):
    workshop = id_filter("workshop_id", _("Workshop (id)"))
    practice = practice_filter("practice_id", _("Practice"))
    status = django_filters.ChoiceFilter(choices=DecisionStatus.choices, label=_("Status"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Open or in progress"))
    due_min = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due on or after")
    )
    due_max = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due on or before")
    )

    class Meta:
        model = Decision
        fields = []

    def filter_open(self, queryset, name, value):
        if value:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.exclude(status__in=OPEN_STATUSES)


def live_workshops():
    return (
        WorkshopPage.objects.live().select_related("area").prefetch_related("presented_practices")
    )


def public_decisions():
    return Decision.objects.filter(workshop__live=True).prefetch_related("responsible_bodies")
