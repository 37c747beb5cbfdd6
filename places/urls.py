from django.urls import path

from . import views

urlpatterns = [
    path("areas/<str:key>/", views.area_detail, name="area_detail"),
]
