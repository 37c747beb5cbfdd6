from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("registry/", views.index, name="index"),
    path("registry/unions/<str:key>/", views.union_overview, name="union"),
    path("registry/unions/<str:key>/stale/", views.stale_households, name="stale"),
    path("registry/households/<int:pk>/", views.household_detail, name="household"),
    path("registry/households/<int:pk>/verify/", views.verify_household, name="verify"),
    path("registry/persons/<int:pk>/", views.person_detail, name="person"),
    path("registry/persons/<int:pk>/reveal/", views.reveal_identity, name="reveal"),
    path("registry/search/", views.search, name="search"),
    path("registry/priority/", views.priority_list, name="priority"),
    path("registry/duplicates/", views.duplicate_queue, name="duplicates"),
    path("registry/duplicates/<int:pk>/", views.duplicate_detail, name="duplicate"),
    path("registry/duplicates/<int:pk>/undo/", views.undo_merge, name="undo_merge"),
    path("registry/imports/", views.imports, name="imports"),
    path("registry/impact/<int:practice_id>/", views.practice_impact, name="impact"),
    path("registry/access-log/", views.access_log, name="access_log"),
]
