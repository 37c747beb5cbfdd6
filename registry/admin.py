"""Django admin: programmes, and the access log read-only.

Households, persons and benefits are deliberately not here: the registry's own screens check
each user's reach and log every view, which the admin would bypass.
"""

from django.contrib import admin

from .models import AccessLog, Programme, UpdateCycle


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name_bn", "name_en", "agency", "sort_order"]
    prepopulated_fields = {"slug": ["name_en"]}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "lgi", "target", "rows", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "target"]
    date_hierarchy = "at"


@admin.register(UpdateCycle)
class UpdateCycleAdmin(ReadOnlyAdmin):
    list_display = ["year", "opened_at", "households_at_opening"]
