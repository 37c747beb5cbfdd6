from django.urls import path

from . import feeds, views

urlpatterns = [
    path("follow/<str:kind>/<int:pk>/", views.follow, name="following_follow"),
    path("notifications/", views.notifications, name="following_notifications"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="following_unsubscribe",
    ),
    path("feeds/<str:kind>/<int:pk>/", feeds.FollowFeed(), name="following_feed"),
]
