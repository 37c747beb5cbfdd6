from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.index, name="index"),
    path("imports/<slug:kind>/new/", views.new, name="new"),
    path("imports/<slug:kind>/template.csv", views.template_csv, name="template"),
    path("imports/<int:pk>/", views.job_detail, name="job"),
    path("imports/<int:pk>/progress.json", views.progress, name="progress"),
    path("imports/<int:pk>/commit/", views.commit, name="commit"),
    path("imports/<int:pk>/errors.csv", views.errors_csv, name="errors"),
]
