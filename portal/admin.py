from django.contrib import admin

from .models import UserProfile


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "national_scope"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "lgis"]
