"""The open data API, its OpenAPI schema and its browsable documentation, under /api/v1/."""

from django.urls import include, path

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("practices", views.PracticeViewSet, basename="api-practice")
router.register("replications", views.ReplicationViewSet, basename="api-replication")
router.register(
    "budget-allocations", views.BudgetAllocationViewSet, basename="api-budget-allocation"
)
router.register("circulars", views.CircularViewSet, basename="api-circular")
router.register(
    "circular-status-changes",
    views.CircularStatusChangeViewSet,
    basename="api-circular-status-change",
)
router.register("areas", views.AreaViewSet, basename="api-area")
router.register("themes", views.ThemeViewSet, basename="api-theme")
router.register("impact", views.ImpactViewSet, basename="api-impact")
if views.WORKSHOPS:
    router.register("workshops", views.WorkshopViewSet, basename="api-workshop")
    router.register("decisions", views.DecisionViewSet, basename="api-decision")

urlpatterns = [
    path("api/v1/schema/", views.SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", views.DocsView.as_view(), name="api-docs"),
    path("api/v1/", include(router.urls)),
]
