from django.urls import path

from . import views

urlpatterns = [
    path("workshops/actions/", views.actions, name="workshops_actions"),
    path("workshops/calendar.ics", views.calendar_ics, name="workshops_calendar_ics"),
    path("workshops/calendar/", views.calendar_month, name="workshops_calendar"),
    path("workshops/visits/", views.visit_list, name="workshops_visits"),
    path("workshops/visits/<int:pk>/", views.visit_detail, name="workshops_visit_detail"),
    path("workshops/<str:slug>/minutes.pdf", views.minutes_pdf, name="workshops_minutes_pdf"),
]
