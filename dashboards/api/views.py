"""The read-only open data API under /api/v1/: public tables, paginated and filterable, and the
aggregate impact figures. Nothing here reads a person: no user, no participant, no registry row
below the registry's own aggregates."""

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.templatetags.static import static
from django.utils.translation import get_language

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import filters, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from places.models import Area
from practices.models import (
    BudgetAllocation,
    CircularPage,
    CircularStatusChange,
    PracticePage,
    Replication,
    Theme,
)

from ..filters import DashboardFilterForm, Selection
from ..impact import IMPACT_LEVELS, impact_rows
from ..models import PracticeFigure
from ..suggestions import suggestions_for
from . import filters as api_filters
from . import serializers as api_serializers

API_TITLE = "HLP Knowledge Portal open data API"
API_DESCRIPTION = (
    "Read-only open data of the Horizontal Learning Program (পারস্পরিক শিখন কর্মসূচি): good "
    "practices, replications, union budget allocations, circulars and their policy pipeline, "
    "areas and aggregate impact. Never personal data. Every list is paginated (`page`, "
    "`page_size` up to 500) and filterable; areas are given by key (P-code, or UN/PS number) or "
    "name, practices by id or title, themes by slug or name, fiscal years as 2023-24. The "
    "meaning, unit and source of every field is on the portal's /data/ page; CSV and Excel "
    "downloads of every table are there too."
)
SCHEMA_SETTINGS = {
    "TITLE": API_TITLE,
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "LICENSE": {"name": "CC BY 4.0 (figures); see /data/ for the geography's licences"},
}


SCHEMA_CACHE_SECONDS = 60 * 60


class OpenDataPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class OpenDataViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = OpenDataPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    schema = AutoSchema()
    ordering = ["pk"]
    # Longer numbers cannot be an identifier: answered 404 without asking the database.
    lookup_value_regex = r"\d{1,10}"


class ThemeViewSet(OpenDataViewSet):
    """Themes practices are filed under."""

    queryset = Theme.objects.all()
    serializer_class = api_serializers.ThemeSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,50}"
    filter_backends = []
    ordering = None


class AreaViewSet(OpenDataViewSet):
    """Divisions, districts, upazilas, unions and pourashavas."""

    queryset = Area.objects.select_related("parent", "division", "district", "upazila")
    serializer_class = api_serializers.AreaSerializer
    filterset_class = api_filters.AreaFilterSet
    lookup_field = "key"
    lookup_value_regex = r"[A-Za-z0-9-]{1,20}"
    ordering_fields = ["key", "name_en", "level"]

    @extend_schema(
        responses=api_serializers.SuggestionSerializer(many=True),
        description=(
            "For a union or pourashava: the ten published practices it could copy next, "
            "ranked (score) by what its neighbours (same upazila first, then district) and LGIs "
            "that replicated the same practices did, how widely each was replicated, whether it "
            "is a best practice and the themes it has worked on; with the counts behind each "
            "and the nearest LGIs that did it. Other areas: 404."
        ),
        filters=False,
    )
    @action(detail=True, pagination_class=None, filter_backends=[])
    def suggestions(self, request, key=None, format=None):
        lgi = self.get_object()
        if not lgi.is_lgi:
            raise Http404
        rows = [
            api_serializers.SuggestionSerializer.row(suggestion, lgi)
            for suggestion in suggestions_for(lgi)
        ]
        return Response(rows)


def live_practices():
    return (
        PracticePage.objects.live()
        .select_related("theme", "lgi", "lgi__district", "lgi__division")
        .defer_streamfields()
    )


class PracticeViewSet(OpenDataViewSet):
    """Published good practices (ভালো শিখন) with their replication, budget and policy figures."""

    queryset = live_practices()
    serializer_class = api_serializers.PracticeSerializer
    filterset_class = api_filters.PracticeFilterSet
    ordering_fields = ["id", "replication_count", "budget_spent", "year_identified", "title"]


def public_replications():
    return Replication.objects.filter(practice__live=True).select_related(
        "lgi", "lgi__upazila", "lgi__district", "lgi__division"
    )


class ReplicationViewSet(OpenDataViewSet):
    """Replications of published practices by other unions and pourashavas."""

    queryset = public_replications()
    serializer_class = api_serializers.ReplicationSerializer
    filterset_class = api_filters.ReplicationFilterSet
    ordering_fields = ["id", "end_date", "fiscal_year"]


def public_budget_lines():
    return api_filters.with_superseded(
        BudgetAllocation.objects.filter(practice__live=True).select_related(
            "lgi", "lgi__upazila", "lgi__district", "lgi__division"
        )
    )


class BudgetAllocationViewSet(OpenDataViewSet):
    """Union budget lines for practices: LGI × fiscal year × practice × source of funds."""

    queryset = public_budget_lines()
    serializer_class = api_serializers.BudgetAllocationSerializer
    filterset_class = api_filters.BudgetAllocationFilterSet
    ordering_fields = ["id", "fiscal_year", "allocated", "spent"]


def live_circulars():
    return CircularPage.objects.live().select_related("document").prefetch_related("practices")


class CircularViewSet(OpenDataViewSet):
    """Government circulars (পরিপত্র) that institutionalise practices."""

    queryset = live_circulars()
    serializer_class = api_serializers.CircularSerializer
    filterset_class = api_filters.CircularFilterSet
    ordering_fields = ["id", "date_issued"]


def public_status_changes():
    return CircularStatusChange.objects.filter(practice__live=True)


class CircularStatusChangeViewSet(OpenDataViewSet):
    """Dated steps of each practice's circular (policy) pipeline."""

    queryset = public_status_changes()
    serializer_class = api_serializers.CircularStatusChangeSerializer
    filterset_class = api_filters.CircularStatusChangeFilterSet
    ordering_fields = ["id", "date"]


def impact_selection(params):
    """The dashboard selection and options given by address parameters; unknown or malformed
    values are ignored, as on the dashboard."""
    form = DashboardFilterForm(params)
    selection = Selection.from_form(form)
    level = params.get("level")
    level = level if level in IMPACT_LEVELS else "district"
    by_year = str(params.get("by_year", "")).lower() in {"1", "true", "yes", "on"}
    return selection, level, by_year


class ImpactSchema(AutoSchema):
    """The impact table's parameters: the dashboard's filters, not a model's fields."""

    def get_override_parameters(self):
        return [
            OpenApiParameter("division", str, description="Division (key)."),
            OpenApiParameter("district", str, description="District (key)."),
            OpenApiParameter("theme", str, description="Theme (slug)."),
            OpenApiParameter("year_from", str, description="First fiscal year, e.g. 2015-16."),
            OpenApiParameter("year_to", str, description="Last fiscal year, e.g. 2020-21."),
            OpenApiParameter("level", str, enum=list(IMPACT_LEVELS), description="Areas."),
            OpenApiParameter("by_year", bool, description="One row per fiscal year."),
        ]


class ImpactViewSet(viewsets.GenericViewSet):
    """Aggregate impact per area (and fiscal year): replications, union budget, households
    reported and registry beneficiaries (withheld below 5). The same filters as the dashboard."""

    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = OpenDataPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    serializer_class = api_serializers.ImpactSerializer
    filter_backends = []
    schema = ImpactSchema()

    def get_queryset(self):
        return PracticeFigure.objects.none()

    def list(self, request, *args, **kwargs):
        selection, level, by_year = impact_selection(request.query_params)
        rows = impact_rows(selection, level=level, by_year=by_year)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class SchemaView(SpectacularAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    urlconf = "dashboards.api.urls"
    custom_settings = SCHEMA_SETTINGS
    schema = None  # not an endpoint of the API it describes

    def _get_schema_response(self, request):
        # Making the schema takes seconds and it changes only with the code: keep it per
        # language (descriptions are translated) and format.
        key = f"dashboards:api-schema:{get_language()}:{request.accepted_renderer.format}"
        data = cache.get(key)
        if data is None:
            data = super()._get_schema_response(request).data
            cache.set(key, data, SCHEMA_CACHE_SECONDS)
        return Response(data)


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files; its start script is a separate request,
    since public pages run no inline script."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api-schema"
    title = API_TITLE
    template_name = "dashboards/swagger_ui.html"
    schema = None

    @staticmethod
    def _swagger_ui_resource(filename):
        return static(f"drf_spectacular_sidecar/swagger-ui-dist/{filename}")

    @staticmethod
    def _swagger_ui_favicon():
        return static("drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png")


WORKSHOPS = apps.is_installed("workshops")

if WORKSHOPS:
    from . import workshops as workshop_api

    class WorkshopViewSet(OpenDataViewSet):
        """Published workshops and meetings: where, when, who by category, what was presented."""

        queryset = workshop_api.live_workshops()
        serializer_class = workshop_api.WorkshopSerializer
        filterset_class = workshop_api.WorkshopFilterSet
        ordering_fields = ["id", "starts_at"]

    class DecisionViewSet(OpenDataViewSet):
        """Numbered decisions (ক, খ, গ …) of published workshops and what became of them."""

        queryset = workshop_api.public_decisions()
        serializer_class = workshop_api.DecisionSerializer
        filterset_class = workshop_api.DecisionFilterSet
        ordering_fields = ["id", "due_date"]
