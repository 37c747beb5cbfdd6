from django.urls import path

from . import views

urlpatterns = [
    path(
        "replications/practice/<int:page_id>/",
        views.record_replication,
        name="practices_record_replication",
    ),
    path(
        "replications/<int:pk>/verify/",
        views.verify_replication,
        name="practices_verify_replication",
    ),
    path(
        "replications/<int:pk>/recheck/<int:years>/",
        views.record_recheck,
        name="practices_record_recheck",
    ),
]
