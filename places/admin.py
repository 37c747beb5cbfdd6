from django.contrib import admin

from .models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name_bn", "name_en", "level", "code", "key", "parent"]
    list_filter = ["level"]
    search_fields = ["name_bn", "name_en", "code", "key"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
