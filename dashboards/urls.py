"""Area pages, downloads, the open data pages and API, a practice's spread map and fact sheet.

Included under the language prefix before Wagtail's pages, so `practices/<slug>/factsheet.pdf`
is answered here although `practices/<slug>/` is a Wagtail page."""

from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("areas/", views.area_index, name="area_index"),
    path("areas/<str:key>/", views.area_detail, name="area_detail"),
    re_path(
        r"^dashboard/export\.(?P<fmt>csv|xlsx)$", views.dashboard_export, name="dashboard_export"
    ),
    path(
        "practices/<slug:slug>/factsheet.pdf",
        views.practice_factsheet,
        name="practice_factsheet",
    ),
    path("practices/<slug:slug>/spread/", views.practice_spread, name="practice_spread"),
    re_path(
        r"^geo/(?P<level>division|district|upazila|metro_thana)\.geojson$",
        views.boundaries,
        name="boundaries",
    ),
    path("data/", views.data_package, name="data_package"),
    path("data/datapackage.json", views.data_package_json, name="data_package_json"),
    re_path(
        r"^data/(?P<slug>[a-z-]+)\.(?P<fmt>csv|xlsx)$", views.data_download, name="data_download"
    ),
    path("data/<slug:slug>/", views.data_table, name="data_table"),
    path("", include("dashboards.api.urls")),
]
